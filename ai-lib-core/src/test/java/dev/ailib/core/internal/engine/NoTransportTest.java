package dev.ailib.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.AiClient;
import dev.ailib.api.error.AiLibException;
import dev.ailib.core.internal.codec.TestManifests;
import org.junit.jupiter.api.Test;

/** ai-lib-core's tests have no transport module on the class path: building a client must say what to add. */
class NoTransportTest {

  @Test
  void buildingAClientWithoutATransportNamesTheArtifactsToAdd() {
    assertThatThrownBy(() -> AiClient.builder()
        .model("acme/m1")
        .apiKey("sk-test-key")
        .component(new StaticSource(TestManifests.chat("http://127.0.0.1:9")))
        .build())
        .isInstanceOf(AiLibException.class)
        .hasMessageContaining("no ai-lib transport found")
        .hasMessageContaining("dev.ailib:ai-lib-transport-jdk")
        .hasMessageContaining("dev.ailib:ai-lib-transport-httpclient5");
  }
}
