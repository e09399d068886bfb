package dev.ailib.core.internal.codec;

import static dev.ailib.core.internal.codec.CodecTestSupport.encode;
import static dev.ailib.core.internal.codec.CodecTestSupport.json;
import static dev.ailib.core.internal.codec.CodecTestSupport.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ailib.api.ChatResponse;
import dev.ailib.api.ContentBlock;
import dev.ailib.api.FinishReason;
import dev.ailib.api.Message;
import dev.ailib.api.Role;
import dev.ailib.api.ToolCall;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.core.spi.manifest.ProviderManifest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Cohere v2 chat codec on its own: request shapes, answers, what the format cannot carry. */
class CohereV2CodecTest {
  private static final ProviderManifest M = TestManifests.cohere("https://chatco.invalid/v2");
  private static final WireCodec CODEC = WireCodec.forStyle(M.wireStyle());

  @Test
  void messagesOfEveryRole() {
    JsonNode body = encode(CODEC, request(List.of(Message.system("Be brief."),
        Message.user(List.of(ContentBlock.text("What is this?"), ContentBlock.imageBase64("image/png", "iVBO"))),
        new Message(Role.ASSISTANT, List.of(new ContentBlock.Thinking("Need the tool.", null),
            new ContentBlock.ToolUse(new ToolCall("c1", "look", "{\"q\":1}")))),
        Message.tool("c1", "a cat"),
        new Message(Role.ASSISTANT, List.of(new ContentBlock.Thinking("It is a cat.", "sig"),
            ContentBlock.text("A cat."))))), M, "command-x", List.of(), false);
    assertThat(body.path("model").asText()).isEqualTo("command-x");
    JsonNode msgs = body.path("messages");
    assertThat(msgs.get(0).toString()).isEqualTo("{\"role\":\"system\",\"content\":\"Be brief.\"}");
    assertThat(msgs.get(1).path("content").get(1).toString())
        .isEqualTo("{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,iVBO\"}}");
    assertThat(msgs.get(2).toString()).isEqualTo("{\"role\":\"assistant\",\"tool_plan\":\"Need the tool.\","
        + "\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"look\",\"arguments\":"
        + "\"{\\\"q\\\":1}\"}}]}");
    assertThat(msgs.get(3).toString()).isEqualTo("{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"a cat\"}");
    assertThat(msgs.get(4).path("content").toString()).isEqualTo("[{\"type\":\"thinking\",\"thinking\":\"It is a "
        + "cat.\"},{\"type\":\"text\",\"text\":\"A cat.\"}]");
    assertThat(body.has("stream")).isFalse();
  }

  @Test
  void declaredWireNamesWinAndTypedOnesTakeCoheresNames() {
    JsonNode body = encode(CODEC, request(List.of(Message.user("Hi"))), M, "command-x", List.of(
        new WireParam("top_p", "p", 0.5, true), new WireParam("stop", null, List.of("x"), true),
        new WireParam("top_k", null, 3, false)), true);
    assertThat(body.path("p").asDouble()).isEqualTo(0.5);
    assertThat(body.path("stop_sequences").toString()).isEqualTo("[\"x\"]");
    assertThat(body.path("k").asInt()).isEqualTo(3);
    assertThat(body.path("stream").asBoolean()).isTrue();
    assertThat(body.has("stream_options")).isFalse();
  }

  @Test
  void whatTheFormatCannotCarryIsRefused() {
    assertThatThrownBy(() -> encode(CODEC, request(List.of(Message.user(List.of(
        ContentBlock.documentBase64("application/pdf", "JVBE"))))), M, "command-x", List.of(), false))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("no document content");
    assertThatThrownBy(() -> encode(CODEC, request(List.of(Message.user("Hi"))), M, "command-x",
        List.of(new WireParam("user", null, "u1", false)), false))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("parameter 'user'")
        .hasMessageContaining("test:chatco.yaml");
  }

  @Test
  void decodesTextThinkingToolCallsAndUsage() {
    ChatResponse r = CODEC.decode(("{\"id\":\"r1\",\"finish_reason\":\"TOOL_CALL\",\"message\":{\"role\":\"assistant\","
        + "\"tool_plan\":\"I will look.\",\"tool_calls\":[{\"id\":\"look_1\",\"type\":\"function\",\"function\":"
        + "{\"name\":\"look\",\"arguments\":\"{\\\"q\\\":1}\"}},{\"type\":\"function\",\"function\":{\"name\":\"more\","
        + "\"arguments\":\"{}\"}}]},\"usage\":{\"billed_units\":{\"input_tokens\":5,\"output_tokens\":7},\"tokens\":"
        + "{\"input_tokens\":105.0,\"output_tokens\":7.0},\"cached_tokens\":100}}").getBytes(StandardCharsets.UTF_8),
        M, "req-1");
    assertThat(r.id()).isEqualTo("r1");
    assertThat(r.thinking()).isEqualTo("I will look.");
    assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_USE);
    assertThat(r.toolCalls().get(0)).isEqualTo(new ToolCall("look_1", "look", "{\"q\":1}"));
    assertThat(r.toolCalls().get(1).id()).as("an id the wire did not give is generated").matches("call_[0-9a-f]{24}");
    assertThat(r.usage().promptTokens()).isEqualTo(105);
    assertThat(r.usage().completionTokens()).isEqualTo(7);
    assertThat(r.usage().cachedTokens()).isEqualTo(100);

    ChatResponse billedOnly = CODEC.decode(json("{\"id\":\"r2\",\"finish_reason\":\"COMPLETE\",\"message\":{"
        + "\"content\":[{\"type\":\"thinking\",\"thinking\":\"hm\"},{\"type\":\"text\",\"text\":\"Hi\"}]},"
        + "\"usage\":{\"billed_units\":{\"input_tokens\":5,\"output_tokens\":2}}}"), M, null);
    assertThat(billedOnly.content()).isEqualTo("Hi");
    assertThat(billedOnly.thinking()).isEqualTo("hm");
    assertThat(billedOnly.finishReason()).isEqualTo(FinishReason.END_TURN);
    assertThat(billedOnly.usage().promptTokens()).isEqualTo(5);
    assertThat(billedOnly.usage().totalTokens()).isEqualTo(7);
  }

  @Test
  void anAnswerThatIsNotAChatResponseSaysWhatIsMissing() {
    assertThatThrownBy(() -> CODEC.decode(json("{\"id\":\"x\"}"), M, null)).isInstanceOf(ProtocolException.class)
        .hasMessageContaining("Cohere v2 chat response").hasMessageContaining("\"message\"");
  }
}
