package dev.ailib.protocol.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.error.ProtocolException;
import dev.ailib.core.spi.manifest.ModelSpec;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.manifest.WireStyle;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the loader reads for the wire: the wire style (declared, inferred, or unsupported with its field and value),
 * the per-model parameter rules, {@code streaming.include_usage} and the document capability from {@code multimodal}.
 */
class WireSectionsTest {
  private static final String HEAD = """
      id: p1
      protocol_version: "2.0"
      endpoint: {base_url: "https://example.test/v1"}
      """;

  private static ProviderManifest parse(String yaml) {
    return ManifestLoader.create().parse("inline.yaml", yaml.getBytes(StandardCharsets.UTF_8)).manifest();
  }

  @Test
  void theFirstDeclaringFieldDecidesAndAValueWithoutACodecKeepsFieldAndValue() {
    ProviderManifest cohere = parse(HEAD + "api_style: cohere_v2\n");
    assertThat(cohere.wireStyle()).isEqualTo(WireStyle.COHERE_V2);
    assertThat(cohere.wireStyleField()).isEqualTo("api_style");
    ProviderManifest responses = parse(HEAD + "api_style: open_responses\n");
    assertThat(responses.wireStyle()).isEqualTo(WireStyle.OPENAI_RESPONSES);
    assertThat(responses.wireStyleValue()).isEqualTo("open_responses");
    assertThat(responses.endpoint().chatPath()).isEqualTo("/responses");
    ProviderManifest legacy = parse(HEAD + "payload_format: openai_style\nendpoints:\n  chat: {path: /x, adapter: "
        + "legacy_chat}\n");
    assertThat(legacy.wireStyle()).isEqualTo(WireStyle.UNSUPPORTED);
    assertThat(legacy.wireStyleField()).isEqualTo("endpoints.chat.adapter");
    assertThat(legacy.wireStyleValue()).isEqualTo("legacy_chat");
    ProviderManifest v1Response = parse(HEAD + "response_format: openai_style\n");
    assertThat(v1Response.wireStyle()).isEqualTo(WireStyle.OPENAI_CHAT);
    assertThat(v1Response.wireStyleField()).isEqualTo("response_format");
    ProviderManifest byStrategy = parse(HEAD + "streaming: {decoder: {format: sse, strategy: cohere_v2}}\n");
    assertThat(byStrategy.wireStyle()).isEqualTo(WireStyle.COHERE_V2);
    ProviderManifest otherStrategy = parse(HEAD.replace("https://example.test/v1\"}", "https://example.test/v1\", "
        + "chat: /chat/completions}") + "streaming: {decoder: {format: sse, strategy: sse_ignore_comments}}\n");
    assertThat(otherStrategy.wireStyle()).as("a decoder strategy that names no style is not a declaration")
        .isEqualTo(WireStyle.OPENAI_CHAT);
  }

  @Test
  void aManifestDeclaringNoStyleIsReadFromItsData() {
    assertThat(parse(HEAD.replace("https://example.test/v1\"}", "https://example.test/v1\", chat: "
        + "/v1/chat/completions}")).wireStyle()).isEqualTo(WireStyle.OPENAI_CHAT);
    assertThat(parse(HEAD + "response_paths: {content: \"choices.0.message.content\"}\n").wireStyle())
        .isEqualTo(WireStyle.OPENAI_CHAT);
    assertThat(parse(HEAD + "streaming: {decoder: {format: sse}, content_path: \"$.choices[0].delta.content\"}\n")
        .wireStyle()).isEqualTo(WireStyle.OPENAI_CHAT);
    assertThat(parse(HEAD + "streaming: {decoder: {format: anthropic_sse}}\n").wireStyle())
        .isEqualTo(WireStyle.ANTHROPIC_MESSAGES);
    ProviderManifest responses = parse(HEAD.replace("https://example.test/v1\"}", "https://example.test/v1\", "
        + "chat: /v1/responses}"));
    assertThat(responses.wireStyle()).isEqualTo(WireStyle.OPENAI_RESPONSES);
    assertThat(responses.wireStyleField()).isNull();
    ProviderManifest nothing = parse(HEAD + "endpoints: {embeddings: /embed}\n");
    assertThat(nothing.wireStyle()).isEqualTo(WireStyle.UNSUPPORTED);
    assertThat(nothing.wireStyleField()).isNull();
  }

  @Test
  void modelEntriesSayWhichParametersTheyTake() {
    ProviderManifest m = parse(HEAD + """
        metadata:
          models:
            r1: {sampling_parameters: [stop]}
            r0: {sampling_parameters: []}
            c1: {exclusive_parameters: [[temperature, top_p]]}
            plain: {context_window: 1000}
        """);
    ModelSpec r1 = m.model("r1").orElseThrow();
    assertThat(r1.samplingParameters()).isEqualTo(Set.of("stop"));
    assertThat(m.model("r0").orElseThrow().samplingParameters()).isEmpty();
    assertThat(m.model("c1").orElseThrow().exclusiveParameters()).containsExactly(List.of("temperature", "top_p"));
    assertThat(m.model("plain").orElseThrow().samplingParameters()).as("not stated: everything").isNull();
    assertThatThrownBy(() -> parse(HEAD + "metadata: {models: {x: {exclusive_parameters: [[temperature]]}}}\n"))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("at least two")
        .hasMessageContaining("exclusive_parameters");
    assertThatThrownBy(() -> parse(HEAD + "metadata: {models: {x: {sampling_parameters: [1]}}}\n"))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("sampling_parameters");
  }

  @Test
  void includeUsageAndDocuments() {
    ProviderManifest m = parse(HEAD + """
        capabilities: {required: [text]}
        multimodal: {input: {vision: {supported: true, document_understanding: true}}}
        streaming: {decoder: {format: sse}, include_usage: false}
        """);
    assertThat(m.streaming().includeUsage()).isFalse();
    assertThat(m.capabilities().declares("document_understanding")).isTrue();
    ProviderManifest unchecked = parse(HEAD + "multimodal: {input: {vision: {document_understanding: true}}}\n");
    assertThat(unchecked.capabilities().optional()).as("a manifest declaring no capabilities stays unchecked")
        .isEmpty();
    assertThat(parse(HEAD + "streaming: {decoder: {format: sse}}\n").streaming().includeUsage()).isNull();
  }
}
