package dev.ailib.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class McpServerConfigTest {
  private static final URI URL = URI.create("https://mcp.example.com/mcp?key=qwerty123");

  @ParameterizedTest
  @ValueSource(strings = {"", "has space", "a__b", "dots.are.out", "abcdefghijklmnopqrstuvwxyz0123456"})
  void badServerNamesAreRefusedNamingTheValue(String name) {
    assertThatThrownBy(() -> McpServerConfig.http(name, URL))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + name + "'")
        .hasMessageContaining("mcp__<server>__<tool>");
  }

  @Test
  void badTransportsAreRefused() {
    assertThatThrownBy(() -> McpServerConfig.stdio("s", List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'s'").hasMessageContaining("command");
    assertThatThrownBy(() -> McpServerConfig.http("h", URI.create("ftp://x/mcp")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http(s)").hasMessageContaining("ftp");
    assertThatThrownBy(() -> McpServerConfig.stdio("s", List.of("srv")).header("A", "b"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("env(..)");
    assertThatThrownBy(() -> McpServerConfig.http("h", URL).env("A", "b"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("header(..)");
    assertThatThrownBy(() -> McpServerConfig.http("h", URL).callTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("callTimeout").hasMessageContaining("PT0S");
    assertThatThrownBy(() -> McpServerConfig.http("h", URL).allow("ok", " "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allow list");
  }

  @Test
  void denyWinsOverAllowAndAnEmptyAllowListAllowsAll() {
    McpServerConfig open = McpServerConfig.http("h", URL).deny("rm").build();
    assertThat(open.offers("ls")).isTrue();
    assertThat(open.offers("rm")).isFalse();
    McpServerConfig closed = McpServerConfig.http("h", URL).allow("ls", "rm").deny("rm").build();
    assertThat(closed.offers("ls")).isTrue();
    assertThat(closed.offers("rm")).isFalse();
    assertThat(closed.offers("cat")).isFalse();
  }

  @Test
  void toStringShowsNamesNotValues() {
    McpServerConfig http = McpServerConfig.http("h", URL).bearerToken("tok-secret").build();
    assertThat(http.toString()).contains("Authorization", "https://mcp.example.com/mcp")
        .doesNotContain("tok-secret", "qwerty123");
    McpServerConfig stdio = McpServerConfig.stdio("s", List.of("srv", "--x")).env("API_KEY", "env-secret")
        .workingDirectory(Path.of("/tmp")).build();
    assertThat(stdio.toString()).contains("API_KEY", "[srv, --x]").doesNotContain("env-secret");
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    McpServerConfig c = McpServerConfig.stdio("s", List.of("srv")).build();
    assertThat(c.callTimeout()).isEqualTo(McpServerConfig.DEFAULT_CALL_TIMEOUT);
    assertThat(c.connectTimeout()).isEqualTo(McpServerConfig.DEFAULT_CONNECT_TIMEOUT);
    assertThat(c.requestTimeout()).isEqualTo(McpServerConfig.DEFAULT_REQUEST_TIMEOUT);
    assertThat(c.shutdownTimeout()).isEqualTo(McpServerConfig.DEFAULT_SHUTDOWN_TIMEOUT);
    assertThat(c.allow()).isEmpty();
    assertThat(c.deny()).isEmpty();
  }
}
