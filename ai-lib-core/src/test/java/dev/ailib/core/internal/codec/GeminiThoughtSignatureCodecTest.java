package dev.ailib.core.internal.codec;

import static dev.ailib.core.internal.codec.CodecTestSupport.encode;
import static dev.ailib.core.internal.codec.CodecTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ailib.api.ChatRequest;
import dev.ailib.api.ChatResponse;
import dev.ailib.api.Message;
import dev.ailib.api.ToolCall;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.manifest.WireStyle;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Gemini thought signatures in the generateContent codec: a {@code functionCall} part's {@code thoughtSignature}
 * (a sibling of {@code functionCall} in the Part) is read into {@link ToolCall#signature()} and written back on
 * the same part, exactly as received; the fixture is a Gemini 3 answer with two parallel calls, of which only the
 * first carries a signature (as the API sends them).
 */
class GeminiThoughtSignatureCodecTest {
  static final String SIGNATURE = "CsEDAb4+9vtL0yq7xXH1mZb2c3R5Z2F0dXJlLW9uZS1mb3ItdGhlLWZpcnN0LWNhbGwtb25seQ==";

  private final ProviderManifest manifest = TestManifests.generate("http://x");
  private final WireCodec codec = WireCodec.forStyle(WireStyle.GEMINI_GENERATE_CONTENT);

  static String resource(String name) {
    try (InputStream in = GeminiThoughtSignatureCodecTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("test resource " + name + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void theFirstOfParallelCallsCarriesTheSignatureTheSecondNone() {
    ChatResponse r = codec.decode(json(resource("gemini3-parallel-calls.json")), manifest, null);
    assertThat(r.toolCalls()).hasSize(2);
    assertThat(r.toolCalls().get(0).arguments()).containsEntry("city", "Paris");
    assertThat(r.toolCalls().get(0).signature()).isEqualTo(SIGNATURE);
    assertThat(r.toolCalls().get(1).arguments()).containsEntry("city", "London");
    assertThat(r.toolCalls().get(1).signature()).isNull();
  }

  @Test
  void theAnswerSentBackHasEachSignatureOnItsOwnFunctionCallPart() {
    JsonNode answer = json(resource("gemini3-parallel-calls.json"));
    ChatResponse r = codec.decode(answer, manifest, null);
    ChatRequest next = CodecTestSupport.request(List.of(Message.user("Weather in Paris and London?"), r.message(),
        Message.tool(r.toolCalls().get(0).id(), "{\"temp\":18}"),
        Message.tool(r.toolCalls().get(1).id(), "{\"temp\":12}")));
    JsonNode body = encode(codec, next, manifest, "gemini-3-flash-preview", List.of(), false);

    JsonNode model = body.path("contents").get(1);
    assertThat(model.path("role").asText()).isEqualTo("model");
    // the model turn goes back part for part as it came: the signature beside the first call, none beside the second
    assertThat(model.path("parts")).isEqualTo(answer.path("candidates").get(0).path("content").path("parts"));
    assertThat(model.path("parts").get(0).path("thoughtSignature").asText()).isEqualTo(SIGNATURE);
    assertThat(model.path("parts").get(0).path("functionCall").has("thoughtSignature")).isFalse();
    assertThat(model.path("parts").get(1).has("thoughtSignature")).isFalse();
    assertThat(body.path("contents").get(2).path("parts").get(0).has("thoughtSignature")).isFalse();
  }

  @Test
  void aCallWithoutASignatureSendsNone() {
    ChatRequest r = CodecTestSupport.request(List.of(Message.user("x"),
        Message.assistantToolCalls(null, List.of(new ToolCall("c1", "f", "{}"))), Message.tool("c1", "ok")));
    JsonNode body = encode(codec, r, manifest, "g1", List.of(), false);
    assertThat(body.path("contents").get(1).path("parts").get(0).fieldNames()).toIterable()
        .containsExactly("functionCall");
  }

  @Test
  void sequentialStepsEachKeepTheirOwnSignature() {
    ChatRequest r = CodecTestSupport.request(List.of(Message.user("Book a flight and a hotel"),
        Message.assistantToolCalls(null, List.of(new ToolCall("c1", "flight", "{}", "sig-step-1"))),
        Message.tool("c1", "{\"flight\":\"AA1\"}"),
        Message.assistantToolCalls(null, List.of(new ToolCall("c2", "hotel", "{}", "sig-step-2"))),
        Message.tool("c2", "{\"hotel\":\"H1\"}")));
    JsonNode contents = encode(codec, r, manifest, "g1", List.of(), false).path("contents");
    assertThat(contents.get(1).path("parts").get(0).path("thoughtSignature").asText()).isEqualTo("sig-step-1");
    assertThat(contents.get(3).path("parts").get(0).path("thoughtSignature").asText()).isEqualTo("sig-step-2");
  }

  @Test
  void aSignatureThatIsNotAStringIsAClearError() {
    String answer = "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"},{\"functionCall\":{\"name\":\"f\","
        + "\"args\":{}},\"thoughtSignature\":{\"x\":1}}]},\"finishReason\":\"STOP\"}]}";
    assertThatThrownBy(() -> codec.decode(json(answer), manifest, null)).isInstanceOf(ProtocolException.class)
        .hasMessageContaining("candidates[0].content.parts[1].thoughtSignature")
        .hasMessageContaining("expected a string");
  }

  @Test
  void aTextPartsSignatureIsNotKept() {
    // the API puts one on the last part of an answer without calls; it does not check it comes back
    ChatResponse r = codec.decode(json("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hi\","
        + "\"thoughtSignature\":\"c2ln\"}]},\"finishReason\":\"STOP\"}]}"), manifest, null);
    assertThat(r.content()).isEqualTo("Hi");
    assertThat(r.toolCalls()).isEmpty();
    JsonNode body = encode(codec, CodecTestSupport.request(List.of(Message.user("x"), r.message())), manifest, "g1",
        List.of(), false);
    assertThat(body.path("contents").get(1).path("parts").get(0).fieldNames()).toIterable().containsExactly("text");
  }

  static Stream<Arguments> otherFormats() {
    return Stream.of(Arguments.of(WireStyle.OPENAI_CHAT, TestManifests.chat("http://x"), "m1"),
        Arguments.of(WireStyle.ANTHROPIC_MESSAGES, TestManifests.messages("http://x"), null),
        Arguments.of(WireStyle.OPENAI_RESPONSES, TestManifests.responses("http://x"), null),
        Arguments.of(WireStyle.COHERE_V2, TestManifests.cohere("http://x"), null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("otherFormats")
  void noOtherFormatSendsAGeminiSignature(WireStyle style, ProviderManifest m, String model) {
    // a conversation begun on Gemini and continued elsewhere (a fallback): the signature stays with Gemini
    String id = model != null ? model : m.models().keySet().iterator().next();
    ChatRequest r = CodecTestSupport.request(List.of(Message.user("x"),
        Message.assistantToolCalls(null, List.of(new ToolCall("c1", "f", "{\"a\":1}", SIGNATURE))),
        Message.tool("c1", "ok")));
    JsonNode body = encode(WireCodec.forStyle(style), r, m, id, List.of(), false);
    assertThat(body.toString()).contains("\"f\"").doesNotContain(SIGNATURE).doesNotContain("ignature");
  }
}
