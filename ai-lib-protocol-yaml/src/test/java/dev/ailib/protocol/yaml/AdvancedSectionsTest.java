package dev.ailib.protocol.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.core.spi.manifest.ProviderManifest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The v2 {@code mcp} block, operation endpoints with methods, and the compact {@code core.endpoint} form. */
class AdvancedSectionsTest {
  private static ProviderManifest parse(String yaml) {
    return ManifestLoader.create().parse("inline.yaml", yaml.getBytes(StandardCharsets.UTF_8)).manifest();
  }

  @Test
  void mapsTheMcpBlock() {
    String head = """
        id: p1
        protocol_version: "2.0"
        endpoint: {base_url: "https://example.test", chat: /chat}
        """;
    ProviderManifest tool = parse(head + """
        mcp:
          client:
            supported: true
            provider_mapping: {config_method: tool_parameter, api_endpoint: /v1/responses}
          server: {supported: true}
        """);
    assertThat(tool.mcp()).isNotNull();
    assertThat(tool.mcp().clientSupported()).isTrue();
    assertThat(tool.mcp().configMethod()).isEqualTo("tool_parameter");
    assertThat(tool.mcp().apiEndpoint()).isEqualTo("/v1/responses");
    assertThat(tool.mcp().serverSupported()).isTrue();
    ProviderManifest sdk = parse(head + """
        mcp:
          client:
            supported: true
            provider_mapping: {config_method: sdk_config}
          server: {supported: false}
        """);
    assertThat(sdk.mcp().configMethod()).isEqualTo("sdk_config");
    assertThat(sdk.mcp().serverSupported()).isFalse();
    assertThat(parse(head).mcp()).isNull();
  }

  @Test
  void readsOperationEndpointsNestedUnderCoreEndpoint() {
    String yaml = """
        id: p1
        protocol_version: "2.0"
        core:
          endpoint:
            base_url: "https://example.test"
            endpoints:
              video_get: {path: "/v/{id}", method: get}
              mcp_call_tool: "/m"
        """;
    ProviderManifest m = parse(yaml);
    assertThat(m.endpoint().baseUrl()).isEqualTo("https://example.test");
    assertThat(m.endpoint().otherPaths()).containsEntry("video_get", "/v/{id}").containsEntry("mcp_call_tool", "/m");
    assertThat(m.endpoint().otherMethods()).containsEntry("video_get", "GET").doesNotContainKey("mcp_call_tool");
    assertThat(m.mcp()).isNull();
  }

  @Test
  void mapsTheTextToolCallFallback() {
    String head = """
        id: p1
        protocol_version: "2.0"
        endpoint: {base_url: "https://example.test", chat: /chat}
        """;
    ProviderManifest fallback = parse(head + """
        capabilities:
          required: [text, tools]
          tool_calling:
            native: {supported: true}
            text_fallback:
              format: xml_json
              wrapper: tool_call
              prompt_level: L2
              known_dialects: [{tag: shell, map_to: shell}, {tag: dsml, map_to: ""}, plain]
        """);
    assertThat(fallback.capabilities().textToolFallback()).isNotNull();
    assertThat(fallback.capabilities().textToolFallback().wrapper()).isEqualTo("tool_call");
    assertThat(fallback.capabilities().textToolFallback().dialects()).containsExactly("shell", "dsml", "plain");
    ProviderManifest nativeOnly = parse(head + """
        capabilities:
          required: [text, tools]
          tool_calling: {native: {supported: true}}
        """);
    assertThat(nativeOnly.capabilities().textToolFallback()).isNull();
  }
}
