package dev.ailib.core.internal.codec;

import static dev.ailib.core.internal.codec.CodecTestSupport.encode;
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
import dev.ailib.api.ToolDefinition;
import dev.ailib.api.Usage;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.RemoteException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.manifest.WireStyle;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Responses API codec on its own: request items and options, and every answer shape it reads. */
class OpenAiResponsesCodecTest {
  private final ProviderManifest manifest = TestManifests.responses("http://x");
  private final WireCodec codec = WireCodec.forStyle(WireStyle.OPENAI_RESPONSES);

  private ChatResponse decode(String body) {
    return codec.decode(body.getBytes(StandardCharsets.UTF_8), manifest, "req_1");
  }

  @Test
  void onlyTheLeadingSystemMessagesAreInstructions() {
    ChatRequest r = CodecTestSupport.request(List.of(Message.system("Be brief."), Message.user("Hi"),
        Message.assistant("Hello."), Message.system("Now answer in French."), Message.user("Again")));
    JsonNode body = encode(codec, r, manifest, "r1", List.of(), false);
    assertThat(body.path("instructions").asText()).isEqualTo("Be brief.");
    assertThat(body.path("input")).hasSize(4);
    assertThat(body.path("input").get(1).toString())
        .isEqualTo("{\"type\":\"message\",\"role\":\"assistant\",\"content\":\"Hello.\"}");
    assertThat(body.path("input").get(2).toString())
        .isEqualTo("{\"type\":\"message\",\"role\":\"system\",\"content\":\"Now answer in French.\"}");
    assertThat(body.path("store").asBoolean(true)).isFalse();
    assertThat(body.has("stream")).isFalse();
  }

  @Test
  void withoutSystemMessagesThereAreNoInstructions() {
    JsonNode body = encode(codec, CodecTestSupport.request(List.of(Message.user("Hi"))), manifest, "r1", List.of(),
        true);
    assertThat(body.has("instructions")).isFalse();
    assertThat(body.path("stream").asBoolean()).isTrue();
    assertThat(body.has("stream_options")).isFalse();
  }

  @Test
  void toolResultsInAUserMessageComeBeforeItsOtherParts() {
    Message mixed = Message.user(List.of(new ContentBlock.ToolResult("call_1", "21C", false),
        ContentBlock.text("And tomorrow?")));
    JsonNode input = encode(codec, CodecTestSupport.request(List.of(
        Message.assistantToolCalls(null, List.of(new ToolCall("call_1", "weather", "{}"))), mixed)), manifest, "r1",
        List.of(), false).path("input");
    assertThat(input.get(0).path("type").asText()).isEqualTo("function_call");
    assertThat(input.get(0).has("id")).as("no item id: nothing refers to server-side items").isFalse();
    assertThat(input.get(1).toString())
        .isEqualTo("{\"type\":\"function_call_output\",\"call_id\":\"call_1\",\"output\":\"21C\"}");
    assertThat(input.get(2).path("content").get(0).path("text").asText()).isEqualTo("And tomorrow?");
    assertThat(input).hasSize(3);
  }

  @Test
  void dottedWireNamesNestAndMergeWithTextFormat() {
    ChatRequest r = new ChatRequest(List.of(Message.user("Hi")), null, null, null, null, null, null,
        ResponseFormat.jsonObject(), Map.of());
    JsonNode body = encode(codec, r, manifest, "r1", List.of(
        new WireParam("reasoning_effort", "reasoning.effort", "low", true),
        new WireParam("reasoning_summary", "reasoning.summary", "auto", true),
        new WireParam("verbosity", "text.verbosity", "low", true),
        new WireParam("max_tokens", null, 500, true),
        new WireParam("store", null, true, false)), false);
    assertThat(body.path("reasoning").toString()).isEqualTo("{\"effort\":\"low\",\"summary\":\"auto\"}");
    assertThat(body.path("text").toString()).isEqualTo("{\"verbosity\":\"low\",\"format\":{\"type\":\"json_object\"}}");
    assertThat(body.path("max_output_tokens").asInt()).isEqualTo(500);
    assertThat(body.path("store").asBoolean()).isTrue();
  }

  @Test
  void aDottedNameThroughAValueThatIsNotAnObjectIsRefused() {
    ChatRequest r = new ChatRequest(List.of(Message.user("Hi")), null, null, null, null, null, null,
        ResponseFormat.jsonObject(), Map.of());
    assertThatThrownBy(() -> encode(codec, r, manifest, "r1", List.of(new WireParam("text", null, "plain", false)),
        false)).isInstanceOf(ProtocolException.class).hasMessageContaining("cannot set 'text.format'");
  }

  @Test
  void aReasoningItemGoesBackAsItCameAndAsksForTheNextOnesEncryptedContent() {
    String item = "{\"type\":\"reasoning\",\"id\":\"rs_1\",\"encrypted_content\":\"gAAA\","
        + "\"summary\":[{\"type\":\"summary_text\",\"text\":\"A\"}]}";
    Message assistant = new Message(dev.ailib.api.Role.ASSISTANT, List.of(new ContentBlock.Thinking("A", item),
        new ContentBlock.Thinking("from elsewhere", "EqQBCgIYAhIM"), new ContentBlock.Thinking("{not json", "{x"),
        new ContentBlock.ToolUse(new ToolCall("call_1", "weather", "{}"))));
    JsonNode body = encode(codec, CodecTestSupport.request(List.of(Message.user("Hi"), assistant,
        Message.tool("call_1", "21C"))), manifest, "r1", List.of(), false);
    JsonNode input = body.path("input");
    assertThat(input.get(1).toString()).isEqualTo(item);
    assertThat(input.get(2).path("type").asText()).isEqualTo("function_call");
    assertThat(input.get(3).path("type").asText()).isEqualTo("function_call_output");
    assertThat(input.size()).isEqualTo(4);
    assertThat(input.toString()).doesNotContain("from elsewhere").doesNotContain("not json");
    assertThat(body.path("include").toString()).isEqualTo("[\"reasoning.encrypted_content\"]");
  }

  @Test
  void thinkingIsNotSentBackAndDocumentsNameTheirFiles() {
    Message assistant = new Message(dev.ailib.api.Role.ASSISTANT, List.of(new ContentBlock.Thinking("hm", "sig"),
        new ContentBlock.RedactedThinking("enc"), ContentBlock.text("Hello"),
        new ContentBlock.ToolUse(new ToolCall("call_1", "weather", "{}"))));
    JsonNode input = encode(codec, CodecTestSupport.request(List.of(Message.user("Hi"), assistant,
        Message.tool("call_1", "21C"))), manifest, "r1", List.of(), false).path("input");
    assertThat(input.get(1).toString())
        .isEqualTo("{\"type\":\"message\",\"role\":\"assistant\",\"content\":\"Hello\"}");
    assertThat(input.get(2).path("type").asText()).isEqualTo("function_call");
    assertThat(input.toString()).doesNotContain("hm").doesNotContain("enc").doesNotContain("reasoning");
    assertThatThrownBy(() -> encode(codec, CodecTestSupport.request(List.of(Message.user(List.of(
        new ContentBlock.RedactedThinking("enc"))))), manifest, "r1", List.of(), false))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("cannot hold thinking");

    JsonNode parts = encode(codec, CodecTestSupport.request(List.of(Message.user(List.of(
        ContentBlock.documentBase64("application/pdf", "JVBERi0x", "q3.pdf"),
        new ContentBlock.Document(null, "data:text/csv;base64,YSxi", null, null),
        new ContentBlock.Document(null, "https://example.test/a.pdf", null, "application/pdf", "a.pdf"))))),
        manifest, "r1", List.of(), false).path("input").get(0).path("content");
    assertThat(parts.get(0).toString()).isEqualTo(
        "{\"type\":\"input_file\",\"filename\":\"q3.pdf\",\"file_data\":\"data:application/pdf;base64,JVBERi0x\"}");
    assertThat(parts.get(1).toString()).isEqualTo(
        "{\"type\":\"input_file\",\"filename\":\"document.csv\",\"file_data\":\"data:text/csv;base64,YSxi\"}");
    assertThat(parts.get(2).toString()).isEqualTo(
        "{\"type\":\"input_file\",\"filename\":\"a.pdf\",\"file_url\":\"https://example.test/a.pdf\"}");
  }

  @Test
  void aFunctionCallWithoutCallIdGetsAnId() {
    ChatResponse r = decode("{\"status\":\"completed\",\"output\":[{\"type\":\"function_call\",\"name\":\"weather\","
        + "\"arguments\":\"{}\"}]}");
    assertThat(r.toolCalls().get(0).id()).matches("call_[0-9a-f]{24}");
  }

  @Test
  void aSchemaOutsideTheStrictSubsetIsNotSentAsStrict() {
    ChatRequest r = new ChatRequest(List.of(Message.user("Hi")), null, null, null, null,
        List.of(new ToolDefinition("open", null, "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}"),
            new ToolDefinition("closed", "d", "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"object\","
                + "\"properties\":{\"b\":{\"type\":\"string\"}},\"required\":[\"b\"],\"additionalProperties\":false}},"
                + "\"required\":[\"a\"],\"additionalProperties\":false}")),
        null, ResponseFormat.jsonSchema("out", "{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"string\"}},"
            + "\"additionalProperties\":false}"), Map.of());
    JsonNode body = encode(codec, r, manifest, "r1", List.of(), false);
    assertThat(body.path("tools").get(0).path("strict").asBoolean(true)).isFalse();
    assertThat(body.path("tools").get(0).has("description")).isFalse();
    assertThat(body.path("tools").get(1).path("strict").asBoolean()).isTrue();
    // a schema the caller did not ask to be enforced is sent as guidance
    assertThat(body.path("text").path("format").path("strict").asBoolean(true)).isFalse();
    ChatRequest strict = new ChatRequest(List.of(Message.user("Hi")), null, null, null, null, null, null,
        ResponseFormat.strictJsonSchema("out", "{\"type\":\"object\",\"properties\":{},"
            + "\"additionalProperties\":false}"), Map.of());
    assertThat(encode(codec, strict, manifest, "r1", List.of(), false).path("text").path("format").path("strict")
        .asBoolean()).isTrue();
    assertThat(body.path("text").path("format").path("name").asText()).isEqualTo("out");
  }

  @Test
  void stopSequencesAndAudioAreRefusedNamingTheProblem() {
    assertThatThrownBy(() -> encode(codec, CodecTestSupport.request(List.of(Message.user("Hi"))), manifest, "r1",
        List.of(new WireParam("stop", null, List.of("END"), true)), false))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("no stop sequences")
        .hasMessageContaining("'resco'");
    assertThatThrownBy(() -> encode(codec, CodecTestSupport.request(List.of(Message.user(List.of(
        new ContentBlock.Audio("AAAA", "wav"))))), manifest, "r1", List.of(), false))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("no audio input");
    assertThatThrownBy(() -> encode(codec, CodecTestSupport.request(List.of(Message.user(List.of(
        new ContentBlock.Document(null, null, "file-ref-1", "application/pdf"))))), manifest, "r1", List.of(), false))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("file-ref-1");
  }

  @Test
  void readsTextRefusalToolCallsReasoningUsageAndIds() {
    ChatResponse r = decode("""
        {"id":"resp_1","object":"response","status":"completed","error":null,"incomplete_details":null,
         "model":"r1-2025","output":[
           {"id":"rs_1","type":"reasoning","summary":[{"type":"summary_text","text":"A"},
             {"type":"summary_text","text":"B"}],"encrypted_content":"gAAA"},
           {"id":"ws_1","type":"web_search_call","status":"completed"},
           {"id":"msg_1","type":"message","role":"assistant","status":"completed","content":[
             {"type":"output_text","text":"Hello ","annotations":[]},{"type":"refusal","refusal":"no."}]},
           {"id":"fc_1","type":"function_call","call_id":"call_9","name":"weather","arguments":""}],
         "usage":{"input_tokens":50,"input_tokens_details":{"cached_tokens":20,"cache_write_tokens":5},
           "output_tokens":9,"output_tokens_details":{"reasoning_tokens":4},"total_tokens":59}}""");
    assertThat(r.content()).isEqualTo("Hello no.");
    assertThat(r.thinking()).isEqualTo("A\n\nB");
    // a reasoning item with encrypted content is a block signed with the item as the API takes it back
    assertThat(r.thinkingBlocks()).containsExactly(new ContentBlock.Thinking("A\n\nB", "{\"type\":\"reasoning\","
        + "\"id\":\"rs_1\",\"encrypted_content\":\"gAAA\",\"summary\":[{\"type\":\"summary_text\",\"text\":\"A\"},"
        + "{\"type\":\"summary_text\",\"text\":\"B\"}]}"));
    assertThat(r.toolCalls()).containsExactly(new ToolCall("call_9", "weather", "{}"));
    assertThat(r.finishReason()).isEqualTo(FinishReason.TOOL_USE);
    assertThat(r.rawFinishReason()).isEqualTo("completed");
    assertThat(r.usage()).isEqualTo(new Usage(50, 9, 59, 4, 20, 5));
    assertThat(r.model()).isEqualTo("r1-2025");
    assertThat(r.id()).isEqualTo("resp_1");
    assertThat(r.requestId()).isEqualTo("req_1");
  }

  @Test
  void reasoningTextIsReadWhenAnItemHasNoSummary() {
    ChatResponse r = decode("{\"status\":\"completed\",\"output\":[{\"type\":\"reasoning\",\"summary\":[],"
        + "\"content\":[{\"type\":\"reasoning_text\",\"text\":\"step 1; \"},{\"type\":\"reasoning_text\","
        + "\"text\":\"step 2\"}]}]}");
    assertThat(r.thinking()).isEqualTo("step 1; step 2");
    assertThat(r.content()).isEmpty();
  }

  @Test
  void incompleteIsItsReasonOrItselfAndOtherStatusesAreTheirOwnRawValue() {
    assertThat(decode("{\"status\":\"incomplete\",\"incomplete_details\":{\"reason\":\"max_output_tokens\"},"
        + "\"output\":[]}").finishReason()).isEqualTo(FinishReason.MAX_TOKENS);
    ChatResponse filtered = decode("{\"status\":\"incomplete\",\"incomplete_details\":{\"reason\":\"content_filter\"},"
        + "\"output\":[]}");
    assertThat(filtered.finishReason()).isEqualTo(FinishReason.REFUSAL);
    assertThat(filtered.rawFinishReason()).isEqualTo("content_filter");
    ChatResponse bare = decode("{\"status\":\"incomplete\",\"incomplete_details\":null,\"output\":[]}");
    assertThat(bare.finishReason()).isEqualTo(FinishReason.OTHER);
    assertThat(bare.rawFinishReason()).isEqualTo("incomplete");
    assertThat(decode("{\"status\":\"cancelled\",\"output\":[]}").finishReason()).isEqualTo(FinishReason.OTHER);
    assertThat(decode("{\"output\":[]}").finishReason()).isEqualTo(FinishReason.END_TURN);
  }

  @Test
  void aFailedResponseIsItsClassifiedError() {
    assertThatThrownBy(() -> decode("{\"id\":\"resp_2\",\"status\":\"failed\",\"error\":{\"code\":\"server_error\","
        + "\"message\":\"The model failed\"},\"output\":[]}"))
        .isInstanceOfSatisfying(RemoteException.class, e -> {
          assertThat(e.errorType()).isEqualTo(StandardErrorCode.SERVER_ERROR);
          assertThat(e.providerCode()).contains("server_error");
          assertThat(e.getMessage()).contains("The model failed").contains("provider 'resco'");
        });
    assertThatThrownBy(() -> decode("{\"error\":{\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\","
        + "\"message\":\"quota\"}}"))
        .isInstanceOfSatisfying(RemoteException.class,
            e -> assertThat(e.errorType()).isEqualTo(StandardErrorCode.QUOTA_EXHAUSTED));
  }

  @Test
  void anAnswerWithoutAnOutputArrayNamesWhatIsWrong() {
    assertThatThrownBy(() -> decode("{\"status\":\"completed\"}")).isInstanceOf(ProtocolException.class)
        .hasMessageContaining("an OpenAI Responses API response").hasMessageContaining("\"output\" is missing");
    assertThatThrownBy(() -> decode("{\"output\":{}}")).isInstanceOf(ProtocolException.class)
        .hasMessageContaining("\"output\" is").hasMessageContaining("expected an array");
  }

  @Test
  void annotationsLogprobsAndEchoedSettingsAreSkippedNotBuilt() {
    // more values than one answer may build (500,000), in parts the codec does not read
    String many = "1,".repeat(600_000) + "1";
    String body = "{\"status\":\"completed\",\"output\":[{\"type\":\"message\",\"content\":[{\"type\":"
        + "\"output_text\",\"text\":\"ok\",\"annotations\":[" + many + "],\"logprobs\":[" + many + "]}]}],"
        + "\"tools\":[" + many + "]}";
    assertThat(decode(body).content()).isEqualTo("ok");
    // the same count in a part it does read is refused
    assertThatThrownBy(() -> decode("{\"status\":\"completed\",\"output\":[],\"usage\":{\"x\":[" + many + "]}}"))
        .isInstanceOf(ProtocolException.class);
  }
}
