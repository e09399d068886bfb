package dev.ailib.testkit.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GeminiWireTest {

  private final FakeProvider fake = FakeProvider.start();
  private final FakeHttp http = new FakeHttp();
  private final String base = fake.baseUrl() + "/v1beta/models/gemini-2.0-flash";

  @AfterEach
  void close() {
    fake.close();
  }

  @Test
  void generateContentJson() throws Exception {
    fake.enqueue(Reply.of(Reply.thinkingPart("Think."), Reply.textPart("Sunny."),
            Reply.toolCallPart("ignored", "get_weather", "{\"city\":\"Rome\"}"))
        .usage(Reply.Usage.of(8, 4).withReasoningTokens(2).withCachedTokens(3)));

    HttpResponse<String> response = http.postJson(base + ":generateContent", "{\"contents\":[]}");

    assertThat(response.headers().firstValue("content-type")).hasValue("application/json; charset=UTF-8");
    assertThat(response.body()).isEqualTo("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Think.\","
        + "\"thought\":true},{\"text\":\"Sunny.\"},{\"functionCall\":{\"name\":\"get_weather\",\"args\":"
        + "{\"city\":\"Rome\"}}}],\"role\":\"model\"},\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":"
        + "{\"promptTokenCount\":8,\"candidatesTokenCount\":4,\"totalTokenCount\":14,\"cachedContentTokenCount\":3,"
        + "\"thoughtsTokenCount\":2},\"modelVersion\":\"gemini-2.0-flash\",\"responseId\":\"fake-1\"}");
    assertThat(fake.takeRequest().model()).isEqualTo("gemini-2.0-flash");
  }

  @Test
  void sseStreamUsesCrlfAndPutsFinishReasonOnLastContentFrame() throws Exception {
    fake.enqueue(Reply.streamedText("Hel", "lo").usage(Reply.Usage.of(5, 2)));

    HttpResponse<String> response = http.postJson(base + ":streamGenerateContent?alt=sse", "{\"contents\":[]}");

    assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
    assertThat(response.body()).isEqualTo(""
        + "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hel\"}],\"role\":\"model\"},\"index\":0}],"
        + "\"usageMetadata\":{\"promptTokenCount\":5,\"totalTokenCount\":5},\"modelVersion\":\"gemini-2.0-flash\","
        + "\"responseId\":\"fake-1\"}\r\n\r\n"
        + "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"lo\"}],\"role\":\"model\"},"
        + "\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":5,"
        + "\"candidatesTokenCount\":2,\"totalTokenCount\":7},\"modelVersion\":\"gemini-2.0-flash\","
        + "\"responseId\":\"fake-1\"}\r\n\r\n");
    RecordedRequest request = fake.takeRequest();
    assertThat(request.streaming()).isTrue();
    assertThat(request.queryParameter("alt")).isEqualTo("sse");
  }

  @Test
  void streamWithoutAltSseIsAJsonArray() throws Exception {
    fake.enqueue(Reply.of(Reply.textPart("A b"),
        Reply.toolCallPart("x", "f", "{\"n\":1}"), Reply.toolCallPart("y", "g", "{\"n\":2}")));

    String body = http.postJson(base + ":streamGenerateContent", "{\"contents\":[]}").body();

    Object parsed = Json.parse(body);
    assertThat(parsed).isInstanceOf(java.util.List.class);
    assertThat((java.util.List<?>) parsed).hasSize(3);
    assertThat(Json.at(parsed, "[2].candidates[0].content.parts[1].functionCall.name")).isEqualTo("g");
    assertThat(Json.at(parsed, "[2].candidates[0].finishReason")).isEqualTo("STOP");
    assertThat(Json.at(parsed, "[0].candidates[0].finishReason")).isNull();
  }

  @Test
  void rateLimitErrorBody() throws Exception {
    fake.enqueue(Reply.error(429).retryAfterDate(java.time.Instant.parse("2026-01-02T03:04:05Z")));

    HttpResponse<String> response = http.postJson(base + ":generateContent", "{\"contents\":[]}");

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("retry-after")).hasValue("Fri, 02 Jan 2026 03:04:05 GMT");
    assertThat(response.body()).isEqualTo("{\"error\":{\"code\":429,\"message\":\"Resource has been exhausted "
        + "(e.g. check quota).\",\"status\":\"RESOURCE_EXHAUSTED\"}}");
  }

  @Test
  void aSignedCallCarriesItsThoughtSignatureBesideFunctionCallWholeAndStreamed() throws Exception {
    Reply reply = Reply.toolCalls(Reply.toolCallPart("a", "f", "{\"n\":1}").withThoughtSignature("c2lnLTE="),
        Reply.toolCallPart("b", "f", "{\"n\":2}"));
    fake.enqueue(reply, reply);

    Object whole = Json.parse(http.postJson(base + ":generateContent", "{\"contents\":[]}").body());
    assertThat(Json.at(whole, "candidates[0].content.parts[0].thoughtSignature")).isEqualTo("c2lnLTE=");
    assertThat(Json.at(whole, "candidates[0].content.parts[0].functionCall.thoughtSignature")).isNull();
    assertThat(Json.at(whole, "candidates[0].content.parts[1].thoughtSignature")).isNull();

    String sse = http.postJson(base + ":streamGenerateContent?alt=sse", "{\"contents\":[]}").body();
    Object frame = Json.parse(sse.substring("data: ".length(), sse.indexOf("\r\n\r\n")));
    assertThat(Json.at(frame, "candidates[0].content.parts[0].thoughtSignature")).isEqualTo("c2lnLTE=");
    assertThat(Json.at(frame, "candidates[0].content.parts[1].thoughtSignature")).isNull();
  }

  private static final String TURN = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Weather?\"}]},"
      + "{\"role\":\"model\",\"parts\":[%s]},"
      + "{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"f\",\"response\":{\"t\":1}}}]}]}";

  @Test
  void aSignedCallSentBackWithoutItsSignatureIsRejectedAsGemini3Does() throws Exception {
    fake.enqueue(Reply.toolCalls(Reply.toolCallPart("a", "f", "{\"n\":1}").withThoughtSignature("c2lnLTE=")),
        Reply.text("ok"));
    http.postJson(base + ":generateContent", "{\"contents\":[]}");

    HttpResponse<String> missing = http.postJson(base + ":generateContent",
        TURN.formatted("{\"functionCall\":{\"name\":\"f\",\"args\":{\"n\":1}}}"));
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(Json.at(Json.parse(missing.body()), "error.status")).isEqualTo("INVALID_ARGUMENT");
    assertThat(Json.at(Json.parse(missing.body()), "error.message").toString())
        .startsWith("Function call is missing a thought_signature in functionCall parts")
        .contains("function call `f`, contents[1].parts[0]");

    HttpResponse<String> wrong = http.postJson(base + ":generateContent",
        TURN.formatted("{\"functionCall\":{\"name\":\"f\",\"args\":{\"n\":1}},\"thoughtSignature\":\"b3RoZXI=\"}"));
    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(Json.at(Json.parse(wrong.body()), "error.message").toString())
        .startsWith("Thought signature is not valid");

    HttpResponse<String> signed = http.postJson(base + ":generateContent",
        TURN.formatted("{\"functionCall\":{\"name\":\"f\",\"args\":{\"n\":1}},\"thoughtSignature\":\"c2lnLTE=\"}"));
    assertThat(signed.statusCode()).isEqualTo(200);
    assertThat(fake.queuedReplies()).as("the rejected requests took no reply").isZero();
  }

  @Test
  void onlyTheCurrentTurnIsChecked() throws Exception {
    fake.enqueue(Reply.toolCalls(Reply.toolCallPart("a", "f", "{\"n\":1}").withThoughtSignature("c2lnLTE=")),
        Reply.text("ok"));
    http.postJson(base + ":generateContent", "{\"contents\":[]}");
    // the signed call is in an earlier turn: a user text follows it, so Gemini no longer checks it
    String body = TURN.formatted("{\"functionCall\":{\"name\":\"f\",\"args\":{\"n\":1}}}")
        .replace("}}}]}]}", "}}}]},{\"role\":\"model\",\"parts\":[{\"text\":\"18 C\"}]},"
            + "{\"role\":\"user\",\"parts\":[{\"text\":\"Thanks\"}]}]}");
    HttpResponse<String> response = http.postJson(base + ":generateContent", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }
}
