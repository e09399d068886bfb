package dev.ailib.protocol.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.error.ProtocolException;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.manifest.StructuredOutputSpec;
import dev.ailib.core.spi.Environment;
import dev.ailib.core.spi.protocol.ProtocolSource;
import dev.ailib.core.spi.protocol.ProtocolSourceConfig;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code capabilities.structured_output}: which JSON-answer mechanisms a provider has. */
class StructuredOutputSectionTest {
  private static final String HEAD = """
      id: p1
      protocol_version: "2.0"
      endpoint: {base_url: "https://example.test", chat: /chat}
      """;

  private static ProviderManifest parse(String yaml) {
    return ManifestLoader.create().parse("inline.yaml", yaml.getBytes(StandardCharsets.UTF_8)).manifest();
  }

  @Test
  void readsTheDeclarationAndDeclaresTheCapability() {
    ProviderManifest m = parse(HEAD + """
        capabilities:
          required: [text]
          structured_output: {json_schema_mode: true, json_mode: true, response_format_field: responseSchema}
        """);
    StructuredOutputSpec spec = m.capabilities().structuredOutput();
    assertThat(spec).isEqualTo(new StructuredOutputSpec(true, true, "responseSchema"));
    assertThat(m.capabilities().declares("structured_output")).isTrue();
  }

  @Test
  void aBooleanOrNothingDeclaresNoMechanisms() {
    assertThat(parse(HEAD + "capabilities: {required: [text], optional: [structured_output]}\n").capabilities()
        .structuredOutput()).isNull();
    ProviderManifest v1 = parse(HEAD + "capabilities: {structured_output: true}\n");
    assertThat(v1.capabilities().structuredOutput()).isNull();
    assertThat(v1.capabilities().declares("structured_output")).isTrue();
    assertThat(parse(HEAD).capabilities().structuredOutput()).isNull();
  }

  @Test
  void unknownKeysAndFieldsAreErrorsWithTheirPlace() {
    assertThatThrownBy(() -> parse(HEAD + """
        capabilities:
          required: [text]
          structured_output: {json_schema: true}
        """)).isInstanceOf(ProtocolException.class).hasMessageContaining("inline.yaml:6")
        .hasMessageContaining("unknown key 'json_schema'").hasMessageContaining("json_schema_mode");
    assertThatThrownBy(() -> parse(HEAD + """
        capabilities:
          required: [text]
          structured_output: {json_schema_mode: true, response_format_field: response_format}
        """)).isInstanceOf(ProtocolException.class).hasMessageContaining("responseJsonSchema")
        .hasMessageContaining("'response_format'");
    assertThatThrownBy(() -> parse(HEAD + """
        capabilities:
          required: [text]
          structured_output: {json_mode: "yes"}
        """)).isInstanceOf(ProtocolException.class).hasMessageContaining("true or false");
  }

  @Test
  void bundledManifestsDeclareTheirMechanisms() {
    ProtocolSource bundled = new YamlProtocolSourceProvider().create(
        new ProtocolSourceConfig(null, Environment.of(Map.of())));
    assertThat(bundled.manifest("openai").orElseThrow().capabilities().structuredOutput())
        .isEqualTo(new StructuredOutputSpec(true, true, null));
    assertThat(bundled.manifest("gemini").orElseThrow().capabilities().structuredOutput())
        .isEqualTo(new StructuredOutputSpec(true, true, "responseJsonSchema"));
    assertThat(bundled.manifest("deepseek").orElseThrow().capabilities().structuredOutput())
        .isEqualTo(new StructuredOutputSpec(false, true, null));
    assertThat(bundled.manifest("anthropic").orElseThrow().capabilities().structuredOutput()).isNull();
  }
}
