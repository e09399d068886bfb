package dev.ailib.protocol.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.core.spi.manifest.ProviderManifest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The v2 {@code mcp} block, operation endpoints with methods, and the compact {@code core.endpoint} form. */
class AdvancedSectionsTest {
  @Test
  void mapsTheMcpBlockOfThePublishedManifests() {
    Path spec = SpecDir.require();
    ProviderManifest openai = ManifestLoader.create().load(spec.resolve("v2/providers/openai.yaml")).manifest();
    assertThat(openai.mcp()).isNotNull();
    assertThat(openai.mcp().clientSupported()).isTrue();
    assertThat(openai.mcp().configMethod()).isEqualTo("tool_parameter");
    ProviderManifest gemini = ManifestLoader.create().load(spec.resolve("v2/providers/gemini.yaml")).manifest();
    assertThat(gemini.mcp().configMethod()).isEqualTo("sdk_config");
    assertThat(gemini.mcp().serverSupported()).isFalse();
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
    ProviderManifest m = ManifestLoader.create().parse("inline.yaml", yaml.getBytes(StandardCharsets.UTF_8))
        .manifest();
    assertThat(m.endpoint().baseUrl()).isEqualTo("https://example.test");
    assertThat(m.endpoint().otherPaths()).containsEntry("video_get", "/v/{id}").containsEntry("mcp_call_tool", "/m");
    assertThat(m.endpoint().otherMethods()).containsEntry("video_get", "GET").doesNotContainKey("mcp_call_tool");
    assertThat(m.mcp()).isNull();
  }

  @Test
  void mapsTheTextToolCallFallback() {
    Path spec = SpecDir.require();
    ProviderManifest deepseek = ManifestLoader.create().load(spec.resolve("v2/providers/deepseek.yaml")).manifest();
    assertThat(deepseek.capabilities().textToolFallback()).isNotNull();
    assertThat(deepseek.capabilities().textToolFallback().wrapper()).isEqualTo("tool_call");
    assertThat(deepseek.capabilities().textToolFallback().dialects()).contains("shell", "dsml");
    ProviderManifest baidu = ManifestLoader.create().load(spec.resolve("v2/providers/baidu.yaml")).manifest();
    assertThat(baidu.capabilities().textToolFallback()).isNull();
  }
}
