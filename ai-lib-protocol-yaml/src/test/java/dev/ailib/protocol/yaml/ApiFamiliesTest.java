package dev.ailib.protocol.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.error.ProtocolException;
import dev.ailib.core.spi.Environment;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.manifest.StreamingSpec;
import dev.ailib.core.spi.manifest.WireStyle;
import dev.ailib.core.spi.protocol.ProtocolSourceConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ai-lib's manifest extension {@code x-ailib-api-families}: how it maps, and every way it can be wrong. */
class ApiFamiliesTest {
  private final ManifestLoader loader = ManifestLoader.create();
  @TempDir
  Path dir;

  private static final String HEAD = """
      id: acme
      protocol_version: "2.0"
      endpoint:
        base_url: "https://api.acme.test/v1"
        chat: /chat/completions
      endpoints:
        chat: {path: /chat/completions, method: POST, adapter: openai}
      default_api_family: chat_completions
      parameters:
        max_completion_tokens: {type: integer, min: 1, alias: max_tokens}
      streaming:
        decoder: {format: sse, done_signal: "[DONE]"}
        event_map:
          - match: "exists($.choices[0].delta.content)"
            emit: PartialContentDelta
            extract: {content: "$.choices[0].delta.content"}
      termination:
        mapping: {stop: end_turn}
      """;

  private ProviderManifest load(String text) throws IOException {
    Path f = dir.resolve("acme.yaml");
    Files.writeString(f, text);
    return loader.load(f).manifest();
  }

  private ProtocolException fail(String text) {
    try {
      load(text);
    } catch (ProtocolException e) {
      return e;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected the manifest to be rejected");
  }

  @Test
  void aFamilyOfAnotherStyleHasItsOwnSectionsAndSharesTheRest() throws IOException {
    ProviderManifest m = load(HEAD + """
        x-ailib-api-families:
          responses:
            api_style: openai_responses
            parameters:
              max_output_tokens: {type: integer, min: 16, alias: max_tokens}
              reasoning.effort: {type: string, enum: [low, high], alias: reasoning_effort}
            streaming:
              decoder: {format: sse}
              event_map:
                - match: "$.type == 'response.output_text.delta'"
                  emit: PartialContentDelta
                  extract: {content: "$.delta"}
          bare:
            api_style: responses
        metadata:
          models:
            pro: {max_output_tokens: 1000, x-ailib-api-family: responses}
            mini: {max_output_tokens: 500}
            bare-model: {x-ailib-api-family: bare}
        """);
    assertThat(m.apiFamily()).isEqualTo("chat_completions");
    assertThat(m.wireStyle()).isEqualTo(WireStyle.OPENAI_CHAT);
    assertThat(m.forModel("mini")).isSameAs(m);
    ProviderManifest pro = m.forModel("pro");
    assertThat(pro.apiFamily()).isEqualTo("responses");
    assertThat(pro.id()).isEqualTo("acme");
    assertThat(pro.wireStyle()).isEqualTo(WireStyle.OPENAI_RESPONSES);
    assertThat(pro.endpoint().chatPath()).isEqualTo("/responses");
    assertThat(pro.endpoint().baseUrl()).isEqualTo(m.endpoint().baseUrl());
    assertThat(pro.auth()).isEqualTo(m.auth());
    assertThat(pro.models()).isEqualTo(m.models());
    assertThat(pro.parameters().get("max_tokens").wireName()).isEqualTo("max_output_tokens");
    assertThat(pro.parameters().get("reasoning_effort").wireName()).isEqualTo("reasoning.effort");
    assertThat(pro.streaming().eventMap()).extracting(StreamingSpec.EventRule::match)
        .containsExactly("$.type == 'response.output_text.delta'");
    assertThat(pro.termination().mapping()).as("not inherited from another style").isEmpty();
    ProviderManifest bare = m.forModel("bare-model");
    assertThat(bare.parameters()).as("not inherited from another style").isEmpty();
    assertThat(bare.streaming()).as("the wire style's default stream serves it").isNull();
    assertThat(bare.endpoint().chatPath()).isEqualTo("/responses");
    assertThat(pro.wireStyleField()).isEqualTo("x-ailib-api-families.responses.api_style");
    assertThat(bare.wireStyleValue()).isEqualTo("responses");
  }

  @Test
  void aFamilyOfTheSameStyleInheritsWhatItDoesNotSay() throws IOException {
    ProviderManifest m = load(HEAD + """
        x-ailib-api-families:
          legacy:
            api_style: openai
            endpoints: {chat: {path: /v0/chat, method: post}}
        metadata:
          models:
            old: {x-ailib-api-family: legacy}
        """);
    ProviderManifest old = m.forModel("old");
    assertThat(old.endpoint().chatPath()).isEqualTo("/v0/chat");
    assertThat(old.endpoint().method()).isEqualTo("POST");
    assertThat(old.parameters()).isEqualTo(m.parameters());
    assertThat(old.streaming()).isEqualTo(m.streaming());
    assertThat(old.termination()).isEqualTo(m.termination());
  }

  @Test
  void aModelNamingAnUndeclaredFamilyFailsAtItsLine() {
    ProtocolException e = fail(HEAD + """
        metadata:
          models:
            pro: {x-ailib-api-family: responsess}
        """);
    assertThat(e.getMessage()).contains("acme.yaml:21:31").contains("model 'pro' names API family 'responsess'")
        .contains("declared: []").contains("'chat_completions' from default_api_family");
  }

  @Test
  void theExtensionIsReadStrictly() {
    assertThat(fail(HEAD + """
        x-ailib-api-families:
          responses: {api_style: openai_responses, streamin: {}}
        """).getMessage()).contains("acme.yaml:20:").contains("unknown key 'streamin' in API family 'responses'")
        .contains("[api_style, endpoints, parameters, streaming, termination]");
    assertThat(fail(HEAD + """
        x-ailib-api-families:
          responses: {endpoints: {chat: /responses}}
        """).getMessage()).contains("API family 'responses' needs 'api_style'");
    assertThat(fail(HEAD + """
        x-ailib-api-families:
          responses: {api_style: soap}
        """).getMessage()).contains("unknown api_style 'soap' for API family 'responses'");
    assertThat(fail(HEAD + """
        x-ailib-api-families:
          responses: {api_style: anthropic}
        """).getMessage()).contains("needs endpoints.chat.path");
    assertThat(fail(HEAD + """
        x-ailib-api-families:
          responses: {api_style: openai_responses, endpoints: {embeddings: /e}}
        """).getMessage()).contains("endpoints.chat and endpoints.stream_chat only, found 'embeddings'");
    assertThat(fail(HEAD + """
        x-ailib-api-families:
          responses:
            api_style: openai_responses
            streaming:
              decoder: {format: sse}
              event_map:
                - {match: "$.type ==", emit: PartialContentDelta, extract: {content: "$.delta"}}
        """).getMessage()).contains("acme.yaml:25:").contains("x-ailib-api-families.responses.streaming");
  }

  @Test
  void theBundledOpenAiManifestServesItsResponsesOnlyModelsThroughTheResponsesFamily() {
    ProviderManifest openai = new YamlProtocolSourceProvider().create(new ProtocolSourceConfig(null,
        Environment.of(Map.of()))).manifest("openai").orElseThrow();
    assertThat(openai.forModel("gpt-4o")).isSameAs(openai);
    assertThat(openai.wireStyle()).isEqualTo(WireStyle.OPENAI_CHAT);
    for (String model : new String[] {"gpt-5-pro", "gpt-5-codex", "o3-pro", "o1-pro", "codex-mini-latest"}) {
      ProviderManifest served = openai.forModel(model);
      assertThat(served.wireStyle()).as(model).isEqualTo(WireStyle.OPENAI_RESPONSES);
      assertThat(served.endpoint().chatPath()).as(model).isEqualTo("/responses");
      assertThat(served.model(model).orElseThrow().samplingParameters()).as(model + ": a reasoning model").isEmpty();
    }
    ProviderManifest responses = openai.apiFamilies().get("responses");
    assertThat(responses.parameters()).containsKeys("max_tokens", "temperature", "top_p", "reasoning_effort",
        "reasoning_summary", "previous_response_id", "store").doesNotContainKey("stop");
    assertThat(responses.streaming().eventMap()).hasSizeGreaterThanOrEqualTo(10);
    assertThat(responses.errors()).isEqualTo(openai.errors());
  }
}
