package dev.ailib.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.api.AiClient;
import dev.ailib.api.ResilientConfig;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An edited manifest in the client's protocol directory is used by the next call of the same client. */
class HotReloadTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  @Test
  void theNextCallUsesTheEditedManifest(@TempDir Path dir) throws IOException {
    String bundled;
    try (InputStream in = getClass().getResourceAsStream("/dev/ailib/protocol/yaml/manifests/openai.yaml")) {
      assertThat(in).as("bundled openai manifest").isNotNull();
      bundled = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Path manifest = dir.resolve("openai.yaml");
    Files.writeString(manifest, bundled);
    try (FakeProvider fake = FakeProvider.start();
        AiClient client = AiClient.builder().model("openai/gpt-4o").protocolDir(dir).baseUrl(fake.baseUrl())
            .apiKey("test-key").resilience(ResilientConfig.builder().maxRetries(0).build()).build()) {
      fake.enqueue(Reply.text("one"), Reply.text("two"));
      assertThat(client.chat().user("x").execute().content()).isEqualTo("one");
      assertThat(fake.takeRequest(WAIT).path()).isEqualTo("/chat/completions");

      Files.writeString(manifest, bundled.replace("chat: /chat/completions", "chat: /edited/chat/completions")
          .replace("{path: /chat/completions", "{path: /edited/chat/completions"));
      // a different size is enough for the reload check; also move the time so the test never depends on clock grain
      Files.setLastModifiedTime(manifest, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
      assertThat(client.chat().user("y").execute().content()).isEqualTo("two");
      assertThat(fake.takeRequest(WAIT).path()).isEqualTo("/edited/chat/completions");
    }
  }
}
