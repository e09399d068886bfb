package dev.ailib.core.internal.structured;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.StructuredOutputMode;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.spi.manifest.AuthSpec;
import dev.ailib.core.spi.manifest.CapabilitiesSpec;
import dev.ailib.core.spi.manifest.EndpointSpec;
import dev.ailib.core.spi.manifest.ParameterSpec;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.manifest.StructuredOutputSpec;
import dev.ailib.core.spi.manifest.WireStyle;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StructuredModesTest {

  static ProviderManifest manifest(WireStyle style, CapabilitiesSpec caps, ParameterSpec... params) {
    ProviderManifest.Builder b = ProviderManifest.builder().id("p").source("test").wireStyle(style)
        .endpoint(EndpointSpec.builder().baseUrl("https://x").build())
        .auth(AuthSpec.builder().type(AuthSpec.Type.NONE).build()).capabilities(caps);
    for (ParameterSpec p : params) {
      b.parameter(p);
    }
    return b.build();
  }

  static CapabilitiesSpec caps(Set<String> optional, Map<String, Boolean> flags, StructuredOutputSpec spec) {
    return CapabilitiesSpec.builder().required(Set.of("text")).optional(optional).featureFlags(flags)
        .structuredOutput(spec).build();
  }

  @Test
  void declarationDecides() {
    StructuredOutputSpec schema = StructuredOutputSpec.builder().jsonSchemaMode(true).build();
    StructuredOutputSpec jsonOnly = StructuredOutputSpec.builder().jsonMode(true).build();
    for (WireStyle style : new WireStyle[] {WireStyle.OPENAI_CHAT, WireStyle.GEMINI_GENERATE_CONTENT,
        WireStyle.ANTHROPIC_MESSAGES}) {
      assertThat(StructuredModes.choose(manifest(style, caps(Set.of("tools"), Map.of(), schema)), null)).as("%s", style)
          .isEqualTo(StructuredOutputMode.JSON_SCHEMA);
    }
    assertThat(StructuredModes.choose(manifest(WireStyle.OPENAI_CHAT, caps(Set.of("tools"), Map.of(), jsonOnly)),
        null)).isEqualTo(StructuredOutputMode.JSON_MODE);
    assertThat(StructuredModes.choose(manifest(WireStyle.ANTHROPIC_MESSAGES, caps(Set.of("tools"), Map.of(),
        jsonOnly)), null)).isEqualTo(StructuredOutputMode.TOOL_CALL);
  }

  @Test
  void withoutADeclarationTheCapabilityFlagAndParametersDecide() {
    CapabilitiesSpec flagged = caps(Set.of("tools"), Map.of("structured_output", true), null);
    assertThat(StructuredModes.choose(manifest(WireStyle.OPENAI_CHAT, flagged), null))
        .isEqualTo(StructuredOutputMode.JSON_SCHEMA);
    assertThat(StructuredModes.choose(manifest(WireStyle.GEMINI_GENERATE_CONTENT, flagged), null))
        .isEqualTo(StructuredOutputMode.JSON_SCHEMA);
    assertThat(StructuredModes.choose(manifest(WireStyle.ANTHROPIC_MESSAGES, flagged), null))
        .isEqualTo(StructuredOutputMode.TOOL_CALL);
    CapabilitiesSpec plain = caps(Set.of(), Map.of(), null);
    assertThat(StructuredModes.choose(manifest(WireStyle.OPENAI_CHAT, plain,
        ParameterSpec.builder().name("response_format").type("object").build()), null))
        .isEqualTo(StructuredOutputMode.JSON_MODE);
    assertThat(StructuredModes.choose(manifest(WireStyle.OPENAI_CHAT, plain), null))
        .isEqualTo(StructuredOutputMode.PROMPT);
    assertThat(StructuredModes.choose(manifest(WireStyle.ANTHROPIC_MESSAGES, plain), null))
        .isEqualTo(StructuredOutputMode.PROMPT);
    // nothing declared at all: tools are not ruled out
    assertThat(StructuredModes.choose(manifest(WireStyle.ANTHROPIC_MESSAGES, CapabilitiesSpec.NONE), null))
        .isEqualTo(StructuredOutputMode.TOOL_CALL);
  }

  @Test
  void requestedModesMustBeOffered() {
    ProviderManifest m = manifest(WireStyle.OPENAI_CHAT, caps(Set.of(), Map.of(), null));
    assertThat(StructuredModes.choose(m, StructuredOutputMode.PROMPT)).isEqualTo(StructuredOutputMode.PROMPT);
    assertThatThrownBy(() -> StructuredModes.choose(m, StructuredOutputMode.TOOL_CALL))
        .isInstanceOfSatisfying(ProtocolException.class, e -> {
          assertThat(e.errorType()).isEqualTo(StandardErrorCode.REQUEST_TOO_LARGE);
          assertThat(e.getMessage()).contains("TOOL_CALL").contains("tools capability").contains("[PROMPT]");
        });
  }

  @Test
  void geminiFieldDefaultsToJsonSchema() {
    assertThat(StructuredModes.geminiSchemaField(manifest(WireStyle.GEMINI_GENERATE_CONTENT,
        caps(Set.of(), Map.of(), null)))).isEqualTo("responseJsonSchema");
    assertThat(StructuredModes.geminiSchemaField(manifest(WireStyle.GEMINI_GENERATE_CONTENT,
        caps(Set.of(), Map.of(), StructuredOutputSpec.builder().jsonSchemaMode(true)
            .responseFormatField("responseSchema").build())))).isEqualTo("responseSchema");
  }
}
