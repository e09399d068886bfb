package dev.ailib.core.internal.codec;

import static dev.ailib.core.internal.codec.CodecTestSupport.encode;
import static dev.ailib.core.internal.codec.CodecTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

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
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.manifest.WireStyle;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenAiChatCodecTest {
  private final ProviderManifest manifest = TestManifests.chat("http://x");
  private final WireCodec codec = WireCodec.forStyle(WireStyle.OPENAI_CHAT);

  @Test
  void encodesRolesToolsImagesAndOptions() {
    ToolCall call = new ToolCall("call_1", "weather", "{\"city\":\"Paris\"}");
    ChatRequest r = new ChatRequest(List.of(
        Message.system("be brief"),
        Message.user(List.of(ContentBlock.text("what is this?"), ContentBlock.imageUrl("https://img/x.png"),
            ContentBlock.imageBase64("image/png", "AAAA"))),
        Message.assistantToolCalls(null, List.of(call)),
        Message.tool("call_1", "{\"temp\":21}")),
        null, null, null, List.of("END"), List.of(new ToolDefinition("weather", "Gets weather",
            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}")),
        ToolChoice.tool("weather"), ResponseFormat.jsonSchema("answer", "{\"type\":\"object\"}"), Map.of());
    JsonNode body = encode(codec, r, manifest, "m1", List.of(
        new WireParam("max_tokens", "max_completion_tokens", 100, true),
        new WireParam("stop", null, List.of("END"), true),
        new WireParam("logprobs", null, true, false)), true);

    assertThat(body.path("model").asText()).isEqualTo("m1");
    JsonNode msgs = body.path("messages");
    assertThat(msgs).hasSize(4);
    assertThat(msgs.get(0).path("role").asText()).isEqualTo("system");
    assertThat(msgs.get(0).path("content").asText()).isEqualTo("be brief");
    JsonNode parts = msgs.get(1).path("content");
    assertThat(parts.get(0).path("type").asText()).isEqualTo("text");
    assertThat(parts.get(1).path("image_url").path("url").asText()).isEqualTo("https://img/x.png");
    assertThat(parts.get(2).path("image_url").path("url").asText()).isEqualTo("data:image/png;base64,AAAA");
    assertThat(msgs.get(2).path("content").isNull()).isTrue();
    JsonNode tc = msgs.get(2).path("tool_calls").get(0);
    assertThat(tc.path("id").asText()).isEqualTo("call_1");
    assertThat(tc.path("function").path("name").asText()).isEqualTo("weather");
    assertThat(tc.path("function").path("arguments").asText()).isEqualTo("{\"city\":\"Paris\"}");
    assertThat(msgs.get(3).path("role").asText()).isEqualTo("tool");
    assertThat(msgs.get(3).path("tool_call_id").asText()).isEqualTo("call_1");
    assertThat(body.path("max_completion_tokens").asInt()).isEqualTo(100);
    assertThat(body.has("max_tokens")).isFalse();
    assertThat(body.path("stop").get(0).asText()).isEqualTo("END");
    assertThat(body.path("logprobs").asBoolean()).isTrue();
    assertThat(body.path("tools").get(0).path("function").path("parameters").path("type").asText()).isEqualTo("object");
    assertThat(body.path("tool_choice").path("function").path("name").asText()).isEqualTo("weather");
    assertThat(body.path("response_format").path("type").asText()).isEqualTo("json_schema");
    assertThat(body.path("response_format").path("json_schema").path("name").asText()).isEqualTo("answer");
    assertThat(body.path("stream").asBoolean()).isTrue();
    assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
  }

  @Test
  void plainUserTextIsAString() {
    JsonNode body = encode(codec, CodecTestSupport.request(List.of(Message.user("hi"))), manifest, "m1", List.of(),
        false);
    assertThat(body.path("messages").get(0).path("content").isTextual()).isTrue();
    assertThat(body.has("stream")).isFalse();
  }

  @Test
  void decodesContentToolCallsUsageAndFinishReason() {
    ChatResponse r = codec.decode(json("""
        {"id":"cmpl-9","model":"m1-2025","choices":[{"index":0,"message":{"role":"assistant","content":"Hi",
         "tool_calls":[{"id":"call_7","type":"function","function":{"name":"f","arguments":"{\\"a\\":1}"}}]},
         "finish_reason":"tool_calls"}],
         "usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15,
          "prompt_tokens_details":{"cached_tokens":4},"completion_tokens_details":{"reasoning_tokens":2}}}
        """), manifest, "req-1");
    assertThat(r.content()).isEqualTo("Hi");
    assertThat(r.toolCalls()).containsExactly(new ToolCall("call_7", "f", "{\"a\":1}"));
    assertThat(r.toolCalls().get(0).arguments()).containsEntry("a", 1L);
    assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_USE);
    assertThat(r.rawFinishReason()).isEqualTo("tool_calls");
    assertThat(r.usage()).isEqualTo(new Usage(10, 5, 15, 2, 4));
    assertThat(r.model()).isEqualTo("m1-2025");
    assertThat(r.id()).isEqualTo("cmpl-9");
    assertThat(r.requestId()).isEqualTo("req-1");
  }

  @Test
  void unknownFinishReasonIsOtherWithRawKept() {
    ChatResponse r = codec.decode(json("{\"choices\":[{\"message\":{\"content\":\"x\"},\"finish_reason\":\"weird\"}]}"),
        manifest, null);
    assertThat(r.finishReason()).isEqualTo(FinishReason.OTHER);
    assertThat(r.rawFinishReason()).isEqualTo("weird");
  }
}
