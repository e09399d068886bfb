package dev.ailib.testkit.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AnthropicWireTest {

  private final FakeProvider fake = FakeProvider.start();
  private final FakeHttp http = new FakeHttp();
  private final String url = fake.baseUrl() + "/v1/messages";

  @AfterEach
  void close() {
    fake.close();
  }

  @Test
  void messageJsonWithThinkingTextAndToolUse() throws Exception {
    fake.enqueue(Reply.of(Reply.thinkingPart("Hmm."), Reply.textPart("Let me check."),
            Reply.toolCallPart("toolu_1", "get_weather", "{\"city\":\"Paris\"}"))
        .usage(Reply.Usage.of(20, 9).withCachedTokens(5).withCacheWriteTokens(2)));

    HttpResponse<String> response = http.postJson(url, "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64}");

    assertThat(response.headers().firstValue("request-id")).hasValue("req_fake_1");
    assertThat(response.body()).isEqualTo("{\"id\":\"msg_fake_1\",\"type\":\"message\",\"role\":\"assistant\","
        + "\"model\":\"claude-sonnet-4-5\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"Hmm.\","
        + "\"signature\":\"fake-signature\"},{\"type\":\"text\",\"text\":\"Let me check.\"},{\"type\":\"tool_use\","
        + "\"id\":\"toolu_1\",\"name\":\"get_weather\",\"input\":{\"city\":\"Paris\"}}],\"stop_reason\":\"tool_use\","
        + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":20,\"cache_creation_input_tokens\":2,"
        + "\"cache_read_input_tokens\":5,\"output_tokens\":9}}");
  }

  @Test
  void streamedTextBytesAreExact() throws Exception {
    fake.enqueue(Reply.streamedText("Hi", " there").usage(Reply.Usage.of(7, 2)));

    HttpResponse<String> response = http.postJson(url, "{\"model\":\"claude-x\",\"stream\":true}");

    assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream; charset=utf-8");
    assertThat(response.body()).isEqualTo(""
        + "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_fake_1\",\"type\":"
        + "\"message\",\"role\":\"assistant\",\"model\":\"claude-x\",\"content\":[],\"stop_reason\":null,"
        + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":7,\"cache_creation_input_tokens\":0,"
        + "\"cache_read_input_tokens\":0,\"output_tokens\":1}}}\n\n"
        + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
        + "{\"type\":\"text\",\"text\":\"\"}}\n\n"
        + "event: ping\ndata: {\"type\": \"ping\"}\n\n"
        + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
        + "{\"type\":\"text_delta\",\"text\":\"Hi\"}}\n\n"
        + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
        + "{\"type\":\"text_delta\",\"text\":\" there\"}}\n\n"
        + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
        + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
        + "\"stop_sequence\":null},\"usage\":{\"input_tokens\":7,\"cache_creation_input_tokens\":0,"
        + "\"cache_read_input_tokens\":0,\"output_tokens\":2}}\n\n"
        + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
  }

  @Test
  void streamedThinkingAndParallelToolUse() throws Exception {
    fake.enqueue(Reply.of(Reply.thinkingPart("Two calls."),
        Reply.toolCallPart("toolu_a", "a", "{\"x\":1}").inChunks("{\"x\"", ":1}"),
        Reply.toolCallPart("toolu_b", "b", "{}")));

    String body = http.postJson(url, "{\"model\":\"claude-x\",\"stream\":true}").body();

    assertThat(body).contains("\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}")
        .contains("{\"type\":\"thinking_delta\",\"thinking\":\"Two\"}")
        .contains("{\"type\":\"thinking_delta\",\"thinking\":\" calls.\"}")
        .contains("{\"type\":\"signature_delta\",\"signature\":\"fake-signature\"}")
        .contains("\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_a\",\"name\":\"a\","
            + "\"input\":{}}")
        .contains("\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"x\\\"\"}")
        .contains("\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\":1}\"}")
        .contains("\"index\":2,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_b\"")
        .contains("\"stop_reason\":\"tool_use\"");
    assertThat(body.split("event: content_block_stop")).hasSize(4);
  }

  @Test
  void overloadedErrorBody() throws Exception {
    fake.enqueue(Reply.error(529).retryAfterSeconds(1));

    HttpResponse<String> response = http.postJson(url, "{\"model\":\"claude-x\"}");

    assertThat(response.statusCode()).isEqualTo(529);
    assertThat(response.headers().firstValue("retry-after")).hasValue("1");
    assertThat(response.body()).isEqualTo("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
        + "\"message\":\"Overloaded\"},\"request_id\":\"req_fake_1\"}");
  }
}
