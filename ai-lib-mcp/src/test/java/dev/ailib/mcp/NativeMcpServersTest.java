package dev.ailib.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.AiClient;
import dev.ailib.api.ChatResponse;
import dev.ailib.api.RemoteMcpServer;
import dev.ailib.api.ResilientConfig;
import dev.ailib.api.ToolDefinition;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.spi.Environment;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.RecordedRequest;
import dev.ailib.testkit.fake.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MCP servers passed to the provider (MCP integration {@code native_api}): sent in the provider's shape when the
 * manifest declares it, refused with E1005 before any network call when it does not. The manifests are the bundled
 * ones, edited into a temporary protocol directory.
 */
class NativeMcpServersTest {
  private static final RemoteMcpServer DOCS = RemoteMcpServer.of("docs", URI.create("https://mcp.example.com/mcp"))
      .withAuthorizationToken("oauth-tok-777").withDeniedTools("delete_page");

  @TempDir
  Path dir;

  private FakeProvider fake;

  @BeforeEach
  void start() {
    fake = FakeProvider.start();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private static String bundled(String provider) throws IOException {
    try (InputStream in = NativeMcpServersTest.class.getResourceAsStream(
        "/dev/ailib/protocol/yaml/manifests/" + provider + ".yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private void manifest(String provider, String mcpBlock) throws IOException {
    Files.writeString(dir.resolve(provider + ".yaml"), bundled(provider) + "\n" + mcpBlock);
  }

  private AiClient client(String model) {
    return AiClient.builder().model(model).protocolDir(dir).baseUrl(fake.baseUrl()).apiKey("sk-test")
        .resilience(ResilientConfig.builder().maxRetries(0).build()).component(Environment.of(Map.of())).build();
  }

  private static final String ANTHROPIC_NATIVE = """
      mcp:
        client:
          supported: true
          transports: [streamable_http]
          provider_mapping:
            beta_header: "mcp-client-2025-11-20"
            api_endpoint: "/v1/messages"
            config_method: tool_parameter
      """;

  @Test
  void aNativeProviderGetsTheServersInItsShapeWithItsBetaHeader() throws IOException {
    manifest("anthropic", ANTHROPIC_NATIVE);
    fake.enqueue(Reply.text("The docs say hello."));
    RemoteMcpServer wiki = RemoteMcpServer.of("wiki", URI.create("https://wiki.example.com/mcp"))
        .withAllowedTools("search");
    ToolDefinition local = ToolDefinition.of("get_time", "Now", Map.of("type", "object", "properties", Map.of()));
    try (AiClient client = client("anthropic/claude-sonnet-4-5")) {
      ChatResponse r = client.chat().user("What do the docs say?").tools(List.of(local))
          .remoteMcpServers(List.of(DOCS, wiki)).execute();
      assertThat(r.content()).isEqualTo("The docs say hello.");
    }
    RecordedRequest req = fake.takeRequest(Duration.ofSeconds(5));
    assertThat(req.header("anthropic-beta")).isEqualTo("mcp-client-2025-11-20");
    assertThat(req.jsonString("mcp_servers[0].type")).isEqualTo("url");
    assertThat(req.jsonString("mcp_servers[0].url")).isEqualTo("https://mcp.example.com/mcp");
    assertThat(req.jsonString("mcp_servers[0].name")).isEqualTo("docs");
    assertThat(req.jsonString("mcp_servers[0].authorization_token")).isEqualTo("oauth-tok-777");
    assertThat(req.jsonString("mcp_servers[1].name")).isEqualTo("wiki");
    assertThat(req.jsonAt("mcp_servers[1].authorization_token")).isNull();
    assertThat(req.jsonString("tools[0].name")).isEqualTo("get_time");
    assertThat(req.jsonString("tools[1].type")).isEqualTo("mcp_toolset");
    assertThat(req.jsonString("tools[1].mcp_server_name")).isEqualTo("docs");
    assertThat(req.jsonAt("tools[1].configs.delete_page.enabled")).isEqualTo(false);
    assertThat(req.jsonAt("tools[1].default_config")).isNull();
    assertThat(req.jsonString("tools[2].mcp_server_name")).isEqualTo("wiki");
    assertThat(req.jsonAt("tools[2].default_config.enabled")).isEqualTo(false);
    assertThat(req.jsonAt("tools[2].configs.search.enabled")).isEqualTo(true);
    assertThat(DOCS.toString()).doesNotContain("oauth-tok-777");
  }

  @Test
  void theFirstConnectorBetaGetsItsOwnShape() throws IOException {
    manifest("anthropic", ANTHROPIC_NATIVE.replace("mcp-client-2025-11-20", "mcp-client-2025-04-04"));
    fake.enqueue(Reply.text("ok"));
    RemoteMcpServer wiki = RemoteMcpServer.of("wiki", URI.create("https://wiki.example.com/mcp"))
        .withAllowedTools("search");
    try (AiClient client = client("anthropic/claude-sonnet-4-5")) {
      client.chat().user("hi").remoteMcpServers(List.of(wiki)).execute();
      assertThatThrownBy(() -> client.chat().user("hi").remoteMcpServers(List.of(DOCS)).execute())
          .isInstanceOf(ProtocolException.class).hasMessageContaining("deny list")
          .hasMessageContaining("mcp-client-2025-04-04");
    }
    RecordedRequest req = fake.takeRequest(Duration.ofSeconds(5));
    assertThat(req.header("anthropic-beta")).isEqualTo("mcp-client-2025-04-04");
    assertThat(req.jsonString("mcp_servers[0].tool_configuration.allowed_tools[0]")).isEqualTo("search");
    assertThat(req.jsonAt("tools")).isNull();
    assertThat(fake.requestCount()).isEqualTo(1);
  }

  @Test
  void aProviderWithoutNativeMcpRefusesBeforeSending() {
    try (AiClient client = AiClient.builder().model("anthropic/claude-sonnet-4-5").baseUrl(fake.baseUrl())
        .apiKey("sk-test").component(Environment.of(Map.of())).build()) {
      assertThatThrownBy(() -> client.chat().user("hi").remoteMcpServers(List.of(DOCS)).execute())
          .isInstanceOf(ProtocolException.class)
          .satisfies(e -> assertThat(((ProtocolException) e).errorType()).isEqualTo(StandardErrorCode.REQUEST_TOO_LARGE))
          .hasMessageContaining("'anthropic'").hasMessageContaining("not_supported")
          .hasMessageContaining("not sent").hasMessageNotContaining("oauth-tok-777");
    }
    assertThat(fake.requestCount()).isZero();
  }

  @Test
  void aToolBridgeProviderIsPointedAtTheToolSet() throws IOException {
    manifest("anthropic", """
        mcp:
          client:
            supported: true
            transports: [streamable_http]
            provider_mapping:
              config_method: sdk_config
        """);
    try (AiClient client = client("anthropic/claude-sonnet-4-5")) {
      assertThatThrownBy(() -> client.chat().user("hi").remoteMcpServers(List.of(DOCS)).execute())
          .isInstanceOf(ProtocolException.class).hasMessageContaining("tool_bridge")
          .hasMessageContaining("McpToolSet");
    }
    assertThat(fake.requestCount()).isZero();
  }

  @Test
  void aNativeDeclarationOnAWireFormatWithoutAShapeIsRefused() throws IOException {
    manifest("openai", """
        mcp:
          client:
            supported: true
            transports: [streamable_http]
            provider_mapping:
              tool_type: mcp
              api_endpoint: /v1/responses
              config_method: tool_parameter
        """);
    try (AiClient client = client("openai/gpt-4o")) {
      assertThatThrownBy(() -> client.chat().user("hi").remoteMcpServers(List.of(DOCS)).execute())
          .isInstanceOf(ProtocolException.class)
          .satisfies(e -> assertThat(((ProtocolException) e).errorType()).isEqualTo(StandardErrorCode.REQUEST_TOO_LARGE))
          .hasMessageContaining("'openai'").hasMessageContaining("/v1/responses").hasMessageContaining("not sent");
    }
    assertThat(fake.requestCount()).isZero();
  }
}
