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
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.manifest.WireStyle;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnthropicMessagesCodecTest {
  private final ProviderManifest manifest = TestManifests.messages("http://x");
  private final WireCodec codec = WireCodec.forStyle(WireStyle.ANTHROPIC_MESSAGES);

  @Test
  void encodesSystemBlocksToolsAndMergesToolResults() {
    ToolCall c1 = new ToolCall("toolu_1", "a", "{\"x\":1}");
    ToolCall c2 = new ToolCall("toolu_2", "b", "{}");
    ChatRequest r = new ChatRequest(List.of(
        Message.system("rule one"), Message.system("rule two"),
        Message.user(List.of(ContentBlock.text("see"), ContentBlock.imageBase64("image/png", "QUJD"),
            ContentBlock.imageUrl("https://img/y.jpg"), ContentBlock.imageUrl("data:image/gif;base64,R0lG"))),
        Message.assistantToolCalls("calling", List.of(c1, c2)),
        Message.tool("toolu_1", "one"), Message.tool("toolu_2", "two")),
        null, null, null, List.of("STOP"), List.of(new ToolDefinition("a", "does a", null)),
        ToolChoice.required(), null, Map.of());
    JsonNode body = encode(codec, r, manifest, "c1", List.of(new WireParam("stop", null, List.of("STOP"), true),
        new WireParam("temperature", "temperature", 0.5, true)), true);

    assertThat(body.path("model").asText()).isEqualTo("c1");
    assertThat(body.path("system").asText()).isEqualTo("rule one\n\nrule two");
    JsonNode msgs = body.path("messages");
    assertThat(msgs).hasSize(3);
    JsonNode userBlocks = msgs.get(0).path("content");
    assertThat(userBlocks.get(1).path("source").path("type").asText()).isEqualTo("base64");
    assertThat(userBlocks.get(1).path("source").path("media_type").asText()).isEqualTo("image/png");
    assertThat(userBlocks.get(1).path("source").path("data").asText()).isEqualTo("QUJD");
    assertThat(userBlocks.get(2).path("source").path("type").asText()).isEqualTo("url");
    assertThat(userBlocks.get(2).path("source").path("url").asText()).isEqualTo("https://img/y.jpg");
    assertThat(userBlocks.get(3).path("source").path("media_type").asText()).isEqualTo("image/gif");
    JsonNode assistant = msgs.get(1).path("content");
    assertThat(assistant.get(0).path("text").asText()).isEqualTo("calling");
    assertThat(assistant.get(1).path("type").asText()).isEqualTo("tool_use");
    assertThat(assistant.get(1).path("id").asText()).isEqualTo("toolu_1");
    assertThat(assistant.get(1).path("input").path("x").asInt()).isEqualTo(1);
    JsonNode results = msgs.get(2);
    assertThat(results.path("role").asText()).isEqualTo("user");
    assertThat(results.path("content")).hasSize(2);
    assertThat(results.path("content").get(1).path("tool_use_id").asText()).isEqualTo("toolu_2");
    assertThat(results.path("content").get(1).path("content").asText()).isEqualTo("two");
    assertThat(body.path("tools").get(0).path("input_schema").path("type").asText()).isEqualTo("object");
    assertThat(body.path("tool_choice").path("type").asText()).isEqualTo("any");
    assertThat(body.path("stop_sequences").get(0).asText()).isEqualTo("STOP");
    assertThat(body.path("temperature").asDouble()).isEqualTo(0.5);
    assertThat(body.path("stream").asBoolean()).isTrue();
  }

  @Test
  void maxTokensAlwaysSentCappedByTheModel() {
    JsonNode body = encode(codec, CodecTestSupport.request(List.of(Message.user("hi"))), manifest, "c1", List.of(),
        false);
    assertThat(body.path("max_tokens").asInt()).isEqualTo(2048); // model c1's limit, below the 4096 default
    JsonNode other = encode(codec, CodecTestSupport.request(List.of(Message.user("hi"))), manifest, "unlisted",
        List.of(), false);
    assertThat(other.path("max_tokens").asInt()).isEqualTo(AnthropicMessagesCodec.DEFAULT_MAX_TOKENS);
    JsonNode given = encode(codec, CodecTestSupport.request(List.of(Message.user("hi"))), manifest, "c1",
        List.of(new WireParam("max_tokens", "max_tokens", 77, true)), false);
    assertThat(given.path("max_tokens").asInt()).isEqualTo(77);
  }

  @Test
  void jsonResponseFormatIsRejectedClearly() {
    ChatRequest r = new ChatRequest(List.of(Message.user("hi")), null, null, null, null, null, null,
        ResponseFormat.jsonObject(), null);
    assertThatThrownBy(() -> codec.encode(new EncodeInput(r, "c1", List.of(), false, manifest, null)))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("JSON_OBJECT").hasMessageContaining("msgco");
  }

  @Test
  void decodesBlocksUsageAndStopReason() {
    ChatResponse r = codec.decode(json("""
        {"id":"msg_1","model":"c1-v","content":[{"type":"thinking","thinking":"hmm"},{"type":"text","text":"Hi"},
         {"type":"tool_use","id":"toolu_9","name":"f","input":{"q":"x"}}],"stop_reason":"tool_use",
         "usage":{"input_tokens":10,"output_tokens":3,"cache_read_input_tokens":5,"cache_creation_input_tokens":1}}
        """), manifest, "rid");
    assertThat(r.content()).isEqualTo("Hi");
    assertThat(r.thinking()).isEqualTo("hmm");
    assertThat(r.toolCalls()).containsExactly(new ToolCall("toolu_9", "f", "{\"q\":\"x\"}"));
    assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_USE);
    assertThat(r.usage()).isEqualTo(new Usage(16, 3, 19, 0, 5, 1));
    assertThat(r.id()).isEqualTo("msg_1");
    assertThat(r.model()).isEqualTo("c1-v");
  }
}
