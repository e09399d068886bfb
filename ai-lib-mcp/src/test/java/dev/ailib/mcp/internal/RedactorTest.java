package dev.ailib.mcp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.mcp.McpServerConfig;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {

  @Test
  void masksHeaderValuesBearerTokensAndTheQuery() {
    Redactor r = new Redactor(McpServerConfig.http("h", URI.create("https://x.test/mcp?api_key=qwerty99"))
        .bearerToken("tok-12345").header("X-Other", "other-value").build());
    assertThat(r.mask("GET https://x.test/mcp?api_key=qwerty99 with Bearer tok-12345, tok-12345 alone, other-value"))
        .isEqualTo("GET https://x.test/mcp?*** with ***, *** alone, ***");
  }

  @Test
  void masksEnvironmentValuesButNotShortOnes() {
    Redactor r = new Redactor(McpServerConfig.stdio("s", List.of("srv")).env("KEY", "env-secret").env("N", "1")
        .build());
    assertThat(r.mask("key env-secret, n 1")).isEqualTo("key ***, n 1");
    assertThat(r.mask(null)).isEqualTo("null");
  }
}
