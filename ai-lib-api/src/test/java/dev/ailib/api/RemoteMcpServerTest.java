package dev.ailib.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class RemoteMcpServerTest {
  private static final URI URL = URI.create("https://mcp.example.com/mcp");

  @Test
  void checksNameAndUrl() {
    assertThatThrownBy(() -> RemoteMcpServer.of(" ", URL)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blank");
    assertThatThrownBy(() -> RemoteMcpServer.of("x", URI.create("/relative")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x'").hasMessageContaining("http(s)");
  }

  @Test
  void copiesAndHidesTheToken() {
    RemoteMcpServer s = RemoteMcpServer.of("docs", URL).withAuthorizationToken("tok-1234").withAllowedTools("a")
        .withDeniedTools("b");
    assertThat(s.authorizationToken()).isEqualTo("tok-1234");
    assertThat(s.allowedTools()).containsExactly("a");
    assertThat(s.deniedTools()).containsExactly("b");
    assertThat(s.toString()).doesNotContain("tok-1234").contains("docs", "https://mcp.example.com/mcp", "***");
  }

  @Test
  void travelsInTheRequestAsTheProtocolsParameter() {
    RemoteMcpServer s = RemoteMcpServer.of("docs", URL);
    ChatRequest r = new ChatRequest(List.of(Message.user("hi")), null, null, null, null, null, null, null,
        java.util.Map.of(ChatRequest.MCP_SERVERS, List.of(s)));
    assertThat(r.remoteMcpServers()).containsExactly(s);
    ChatRequest raw = new ChatRequest(List.of(Message.user("hi")), null, null, null, null, null, null, null,
        java.util.Map.of(ChatRequest.MCP_SERVERS, List.of(java.util.Map.of("type", "url"))));
    assertThat(raw.remoteMcpServers()).isEmpty();
  }
}
