package dev.ailib.core.internal.codec;

import static dev.ailib.core.internal.codec.CodecTestSupport.encode;
import static dev.ailib.core.internal.codec.CodecTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ailib.api.ChatRequest;
import dev.ailib.api.ChatResponse;
import dev.ailib.api.ContentBlock;
import dev.ailib.api.FinishReason;
import dev.ailib.api.Message;
import dev.ailib.api.ResponseFormat;
import dev.ailib.api.ToolCall;
import dev.ailib.api.ToolChoice;
import dev.ailib.api.ToolDefinition;
import dev.ailib.api.Usage;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.core.spi.manifest.EndpointSpec;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.manifest.WireStyle;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GeminiGenerateContentCodecTest {
  private final ProviderManifest manifest = TestManifests.generate("http://x");
  private final WireCodec codec = WireCodec.forStyle(WireStyle.GEMINI_GENERATE_CONTENT);

  @Test
  void encodesContentsSystemToolsAndGenerationConfig() {
    ToolCall call = new ToolCall("call_a", "weather", "{\"city\":\"Oslo\"}");
    ChatRequest r = new ChatRequest(List.of(
        Message.system("short answers"),
        Message.user(List.of(ContentBlock.text("look"), ContentBlock.imageBase64("image/jpeg", "/9j/"),
            ContentBlock.imageUrl("https://img/z.png"))),
        Message.assistantToolCalls(null, List.of(call)),
        Message.tool("call_a", "{\"temp\":3}"),
        Message.tool("call_a", "plain text")),
        0.3, 50, 0.9, List.of("X"), List.of(new ToolDefinition("weather", "w", null)), ToolChoice.tool("weather"),
        ResponseFormat.jsonObject(), Map.of());
    JsonNode body = encode(codec, r, manifest, "g1", List.of(
        new WireParam("temperature", "temperature", 0.3, true),
        new WireParam("maxOutputTokens", "maxOutputTokens", 50, true),
        new WireParam("topP", "topP", 0.9, true),
        new WireParam("stop", null, List.of("X"), true),
        new WireParam("safetySettings", null, List.of(), false)), true);

    assertThat(body.has("model")).isFalse();
    assertThat(body.path("systemInstruction").path("parts").get(0).path("text").asText()).isEqualTo("short answers");
    JsonNode contents = body.path("contents");
    assertThat(contents).hasSize(3);
    assertThat(contents.get(0).path("role").asText()).isEqualTo("user");
    assertThat(contents.get(0).path("parts").get(1).path("inlineData").path("mimeType").asText()).isEqualTo("image/jpeg");
    assertThat(contents.get(0).path("parts").get(2).path("fileData").path("fileUri").asText())
        .isEqualTo("https://img/z.png");
    assertThat(contents.get(0).path("parts").get(2).path("fileData").path("mimeType").asText()).isEqualTo("image/png");
    assertThat(contents.get(1).path("role").asText()).isEqualTo("model");
    assertThat(contents.get(1).path("parts").get(0).path("functionCall").path("args").path("city").asText())
        .isEqualTo("Oslo");
    JsonNode responses = contents.get(2).path("parts");
    assertThat(responses.get(0).path("functionResponse").path("name").asText()).isEqualTo("weather");
    assertThat(responses.get(0).path("functionResponse").path("response").path("temp").asInt()).isEqualTo(3);
    assertThat(responses.get(1).path("functionResponse").path("response").path("content").asText())
        .isEqualTo("plain text");
    assertThat(body.path("tools").get(0).path("functionDeclarations").get(0).path("name").asText()).isEqualTo("weather");
    JsonNode fcc = body.path("toolConfig").path("functionCallingConfig");
    assertThat(fcc.path("mode").asText()).isEqualTo("ANY");
    assertThat(fcc.path("allowedFunctionNames").get(0).asText()).isEqualTo("weather");
    JsonNode gen = body.path("generationConfig");
    assertThat(gen.path("temperature").asDouble()).isEqualTo(0.3);
    assertThat(gen.path("maxOutputTokens").asInt()).isEqualTo(50);
    assertThat(gen.path("topP").asDouble()).isEqualTo(0.9);
    assertThat(gen.path("stopSequences").get(0).asText()).isEqualTo("X");
    assertThat(gen.path("responseMimeType").asText()).isEqualTo("application/json");
    assertThat(body.path("safetySettings").isArray()).isTrue();
  }

  @Test
  void toolResultWithoutItsCallIsAnError() {
    ChatRequest r = CodecTestSupport.request(List.of(Message.user("x"), Message.tool("nope", "r")));
    assertThatThrownBy(() -> codec.encode(new EncodeInput(r, "g1", List.of(), false, manifest, null)))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("'nope'");
  }

  @Test
  void streamPathAndAltSse() {
    EndpointSpec e = manifest.endpoint();
    assertThat(codec.chatPath(e, false)).isEqualTo("/models/{model}:generateContent");
    assertThat(codec.chatPath(e, true)).isEqualTo("/models/{model}:streamGenerateContent");
    EndpointSpec noStreamPath = EndpointSpec.builder().baseUrl("http://x").chatPath("/models/{model}:generateContent")
        .build();
    assertThat(codec.chatPath(noStreamPath, true)).isEqualTo("/models/{model}:streamGenerateContent");
    assertThat(codec.streamQuery(e)).containsEntry("alt", "sse");
  }

  @Test
  void decodesPartsFunctionCallsUsageAndMapsStopWithCallsToToolUse() {
    ChatResponse r = codec.decode(json("""
        {"candidates":[{"index":0,"content":{"role":"model","parts":[{"text":"thinking...","thought":true},
          {"text":"Sure"},{"functionCall":{"name":"f","args":{"n":2}}}]},"finishReason":"STOP"}],
         "usageMetadata":{"promptTokenCount":7,"candidatesTokenCount":3,"thoughtsTokenCount":2,"totalTokenCount":12,
          "cachedContentTokenCount":1},"modelVersion":"g1-001","responseId":"r-1"}
        """), manifest, null);
    assertThat(r.content()).isEqualTo("Sure");
    assertThat(r.thinking()).isEqualTo("thinking...");
    assertThat(r.toolCalls()).hasSize(1);
    assertThat(r.toolCalls().get(0).name()).isEqualTo("f");
    assertThat(r.toolCalls().get(0).id()).startsWith("call_");
    assertThat(r.toolCalls().get(0).arguments()).containsEntry("n", 2L);
    assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_USE);
    assertThat(r.rawFinishReason()).isEqualTo("STOP");
    assertThat(r.usage()).isEqualTo(new Usage(7, 5, 12, 2, 1));
    assertThat(r.model()).isEqualTo("g1-001");
    assertThat(r.id()).isEqualTo("r-1");
  }

  @Test
  void safetyIsRefusal() {
    ChatResponse r = codec.decode(json("{\"candidates\":[{\"content\":{\"parts\":[]},\"finishReason\":\"SAFETY\"}]}"),
        manifest, null);
    assertThat(r.finishReason()).isEqualTo(FinishReason.REFUSAL);
  }
}
