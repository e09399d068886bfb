package dev.ailib.testkit.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** FakeProvider speaking Cohere's v2 chat: the shapes of Cohere's API reference, byte for byte. */
class CohereWireTest {

  private final FakeProvider fake = FakeProvider.start();
  private final FakeHttp http = new FakeHttp();
  private final String chat = fake.baseUrl() + "/v2/chat";

  @AfterEach
  void close() {
    fake.close();
  }

  @Test
  void chatJsonWithAToolPlanAndAToolCall() throws Exception {
    fake.enqueue(Reply.of(Reply.thinkingPart("I will look."), Reply.toolCallPart("get_weather_1", "get_weather",
        "{\"city\":\"Rome\"}")).usage(Reply.Usage.of(8, 4).withCachedTokens(3)));

    HttpResponse<String> response = http.postJson(chat, "{\"model\":\"command-a-03-2025\",\"messages\":[]}");

    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(response.body()).isEqualTo("{\"id\":\"fake-1\",\"message\":{\"role\":\"assistant\",\"tool_plan\":"
        + "\"I will look.\",\"tool_calls\":[{\"id\":\"get_weather_1\",\"type\":\"function\",\"function\":{\"name\":"
        + "\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Rome\\\"}\"}}]},\"finish_reason\":\"TOOL_CALL\",\"usage\":"
        + "{\"billed_units\":{\"input_tokens\":8,\"output_tokens\":4},\"tokens\":{\"input_tokens\":8,"
        + "\"output_tokens\":4},\"cached_tokens\":3}}");
    RecordedRequest request = fake.takeRequest();
    assertThat(request.format()).isEqualTo(WireFormat.COHERE_V2);
    assertThat(request.model()).isEqualTo("command-a-03-2025");
  }

  @Test
  void streamUsesNamedEventsAndEndsWithMessageEnd() throws Exception {
    fake.enqueue(Reply.of(Reply.textPart("Hi"), Reply.toolCallPart("c1", "f", "{\"n\":1}")).usage(Reply.Usage.of(5,
        2)));

    HttpResponse<String> response = http.postJson(chat, "{\"model\":\"m\",\"messages\":[],\"stream\":true}");

    assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
    List<String> events = List.of(response.body().split("\n\n"));
    assertThat(events).extracting(e -> e.substring("event: ".length(), e.indexOf('\n'))).containsExactly(
        "message-start", "content-start", "content-delta", "content-end", "tool-call-start", "tool-call-delta",
        "tool-call-end", "message-end");
    assertThat(events.get(2)).endsWith("data: {\"type\":\"content-delta\",\"index\":0,\"delta\":{\"message\":"
        + "{\"content\":{\"text\":\"Hi\"}}}}");
    assertThat(events.get(4)).endsWith("data: {\"type\":\"tool-call-start\",\"index\":0,\"delta\":{\"message\":"
        + "{\"tool_calls\":{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"\"}}}}}");
    assertThat(events.get(7)).endsWith("data: {\"type\":\"message-end\",\"id\":\"fake-1\",\"delta\":{"
        + "\"finish_reason\":\"TOOL_CALL\",\"usage\":{\"billed_units\":{\"input_tokens\":5,\"output_tokens\":2},"
        + "\"tokens\":{\"input_tokens\":5,\"output_tokens\":2}}}}");
    assertThat(fake.takeRequest().streaming()).isTrue();
  }

  @Test
  void errorBodiesCarryAMessageAndAnId() throws Exception {
    fake.enqueue(Reply.error(429).retryAfterSeconds(2));

    HttpResponse<String> response = http.postJson(chat, "{\"model\":\"m\",\"messages\":[]}");

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("retry-after")).hasValue("2");
    assertThat(Json.at(Json.parse(response.body()), "message")).isEqualTo("You are past the rate limit for this API "
        + "key. Please wait and try again.");
    assertThat(Json.at(Json.parse(response.body()), "id")).isNotNull();
  }
}
