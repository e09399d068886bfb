package dev.ailib.testkit.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiWireTest {

  private final FakeProvider fake = FakeProvider.builder()
      .clock(Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC))
      .start();
  private final FakeHttp http = new FakeHttp();
  private final String url = fake.baseUrl() + "/v1/chat/completions";

  @AfterEach
  void close() {
    fake.close();
  }

  @Test
  void textAsJson() throws Exception {
    fake.enqueue(Reply.text("Hello there").usage(Reply.Usage.of(12, 3).withCachedTokens(4).withReasoningTokens(1)));

    HttpResponse<String> response = http.postJson(url, "{\"model\":\"gpt-4o-mini\",\"messages\":[]}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(response.headers().firstValue("x-request-id")).hasValue("req_fake_1");
    assertThat(response.body()).isEqualTo("{\"id\":\"chatcmpl-fake-1\",\"object\":\"chat.completion\","
        + "\"created\":1700000000,\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
        + "\"assistant\",\"content\":\"Hello there\",\"refusal\":null,\"annotations\":[]},\"logprobs\":null,"
        + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3,\"total_tokens\":15,"
        + "\"prompt_tokens_details\":{\"cached_tokens\":4,\"audio_tokens\":0},\"completion_tokens_details\":"
        + "{\"reasoning_tokens\":1,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,"
        + "\"rejected_prediction_tokens\":0}},\"service_tier\":\"default\",\"system_fingerprint\":\"fp_fake\"}");
  }

  @Test
  void streamedTextBytesAreExact() throws Exception {
    fake.enqueue(Reply.streamedText("Hel", "lo"));

    HttpResponse<String> response = http.postJson(url,
        "{\"model\":\"gpt-4o\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"messages\":[]}");

    String prefix = "data: {\"id\":\"chatcmpl-fake-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
        + "\"model\":\"gpt-4o\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_fake\",";
    assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream; charset=utf-8");
    assertThat(response.body()).isEqualTo(
        prefix + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},"
            + "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n"
            + prefix + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"logprobs\":null,"
            + "\"finish_reason\":null}],\"usage\":null}\n\n"
            + prefix + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"},\"logprobs\":null,"
            + "\"finish_reason\":null}],\"usage\":null}\n\n"
            + prefix + "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
            + "\"usage\":null}\n\n"
            + prefix + "\"choices\":[],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":2,\"total_tokens\":12,"
            + "\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},\"completion_tokens_details\":"
            + "{\"reasoning_tokens\":0,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,"
            + "\"rejected_prediction_tokens\":0}}}\n\n"
            + "data: [DONE]\n\n");
  }

  @Test
  void parallelToolCallsStreamArgumentFragments() throws Exception {
    fake.enqueue(Reply.toolCalls(
        Reply.toolCallPart("call_1", "get_weather", "{\"city\":\"Paris\"}").inChunks("{\"city\":", "\"Paris\"}"),
        Reply.toolCallPart("call_2", "get_time", "{}")));

    String body = http.postJson(url, "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[]}").body();

    String[] frames = body.split("\n\n");
    assertThat(frames).hasSize(7);
    assertThat(frames[0]).contains("\"delta\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,"
        + "\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}");
    assertThat(frames[1]).contains("\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":"
        + "\"{\\\"city\\\":\"}}]}");
    assertThat(frames[2]).contains("{\"arguments\":\"\\\"Paris\\\"}\"}");
    assertThat(frames[3]).contains("\"delta\":{\"tool_calls\":[{\"index\":1,\"id\":\"call_2\",\"type\":\"function\","
        + "\"function\":{\"name\":\"get_time\",\"arguments\":\"\"}}]}");
    assertThat(frames[4]).contains("{\"index\":1,\"function\":{\"arguments\":\"{}\"}}");
    assertThat(frames[5]).contains("\"finish_reason\":\"tool_calls\"");
    assertThat(frames[6]).isEqualTo("data: [DONE]");
    assertThat(body).doesNotContain("\"usage\"");
  }

  @Test
  void toolCallAndThinkingAsJson() throws Exception {
    fake.enqueue(Reply.of(Reply.thinkingPart("Check the weather."),
        Reply.toolCallPart("call_9", "get_weather", "{\"city\":\"Oslo\"}")));

    String body = http.postJson(url, "{\"model\":\"deepseek-reasoner\",\"messages\":[]}").body();

    assertThat(body).contains("\"message\":{\"role\":\"assistant\",\"content\":null,"
        + "\"reasoning_content\":\"Check the weather.\",\"tool_calls\":[{\"id\":\"call_9\",\"type\":\"function\","
        + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Oslo\\\"}\"}}],"
        + "\"refusal\":null,\"annotations\":[]}");
    assertThat(body).contains("\"finish_reason\":\"tool_calls\"");
  }

  @Test
  void errorWithRetryHeaders() throws Exception {
    fake.enqueue(Reply.error(429).retryAfterSeconds(2).retryAfterMillis(1500));

    HttpResponse<String> response = http.postJson(url, "{\"model\":\"gpt-4o\",\"messages\":[]}");

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("retry-after")).hasValue("2");
    assertThat(response.headers().firstValue("retry-after-ms")).hasValue("1500");
    assertThat(response.body()).isEqualTo("{\"error\":{\"message\":\"Rate limit reached for requests. Please try "
        + "again in 2s.\",\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}");
  }

  @Test
  void quotaErrorCodeOverride() throws Exception {
    fake.enqueue(Reply.error(429).errorCode("insufficient_quota").errorMessage("You exceeded your current quota."));

    String body = http.postJson(url, "{\"model\":\"gpt-4o\",\"messages\":[]}").body();

    assertThat(body).isEqualTo("{\"error\":{\"message\":\"You exceeded your current quota.\",\"type\":"
        + "\"insufficient_quota\",\"param\":null,\"code\":\"insufficient_quota\"}}");
  }
}
