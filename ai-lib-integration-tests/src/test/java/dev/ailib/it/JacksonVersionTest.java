package dev.ailib.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.api.AiClient;
import dev.ailib.it.Fixtures.Family;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.Reply;
import org.junit.jupiter.api.Test;

/**
 * The Jackson of this build meets the documented minimum (2.16.0), and building a client (which checks it) and
 * making a call succeed on it. The refusal of an older Jackson is unit-tested in core's JacksonVersionCheckTest.
 */
class JacksonVersionTest {
  @Test
  void aClientBuildsAndCallsOnTheJacksonOfThisBuild() {
    com.fasterxml.jackson.core.Version core = com.fasterxml.jackson.core.json.PackageVersion.VERSION;
    com.fasterxml.jackson.core.Version databind = com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION;
    for (com.fasterxml.jackson.core.Version v : new com.fasterxml.jackson.core.Version[] {core, databind}) {
      assertThat(v.getMajorVersion() > 2 || v.getMajorVersion() == 2 && v.getMinorVersion() >= 16)
          .as("%s %s is at least 2.16.0", v.getArtifactId(), v).isTrue();
    }
    try (FakeProvider fake = FakeProvider.start(); AiClient client = Fixtures.client(fake, Family.OPENAI)) {
      fake.enqueue(Reply.text("ok"));
      assertThat(client.chat().user("hi").execute().content()).isEqualTo("ok");
    }
  }
}
