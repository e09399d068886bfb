package dev.ailib.it.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ailib.api.AiClient;
import dev.ailib.api.ChatStream;
import dev.ailib.api.ResilientConfig;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.RemoteException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.spi.Environment;
import dev.ailib.core.spi.Sleeper;
import dev.ailib.it.response.RecordedServer.Answer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile and broken answers through the public API (issue 21): keys echoed in stream error frames, in error codes,
 * request ids and malformed frames are masked everywhere (S1, S4); a key straddling the message cut is masked
 * before the cut (S2); a 2xx body that is not a chat completion fails naming what is missing (R5); a zero,
 * negative or past Retry-After waits the policy's minimum (R6); stream decoding errors have the code of their
 * non-streaming equivalent, redirects name where they point, a string over the JSON reader's limit says so (R8).
 */
class AnswerHardeningTest {
  /** 40 characters, as a real key. */
  private static final String KEY = "sk-proj-Q7x2LmN9vB4kR8tY1wZ5cF3hJ6pD0sA";
  private final RecordedServer server = new RecordedServer();
  private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void close() {
    server.close();
  }

  private AiClient client(Recordings style, int retries) {
    return AiClient.builder().model(style.model).baseUrl(server.baseUrl()).apiKey(KEY)
        .resilience(ResilientConfig.builder().maxRetries(retries).build())
        .component(Environment.of(Map.of()))
        .component((Sleeper) (d, cancel) -> {
          sleeps.add(d);
          return !cancel.isCancelled();
        })
        .build();
  }

  /** Every text a caller can get from an error: message, toString, accessors, causes and suppressed. */
  private static String everything(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    StringBuilder b = new StringBuilder(w.toString()).append(t);
    if (t instanceof RemoteException r) {
      b.append(r.providerCode().orElse("")).append(r.requestId().orElse(""));
    }
    return b.toString();
  }

  private static void assertNoKey(Throwable t) {
    assertThat(t).isNotNull();
    assertThat(everything(t)).doesNotContain(KEY).doesNotContain(KEY.substring(0, 16))
        .doesNotContain(KEY.substring(KEY.length() - 16));
  }

  /** Streams to the end; returns the error the stream reported (as its StreamError event or thrown). */
  private static Throwable streamError(AiClient client) {
    return catchThrowable(() -> {
      try (ChatStream s = client.chat().user("hi").stream()) {
        int n = 0;
        for (StreamingEvent e : s) {
          assertThat(++n).isLessThan(1000);
          if (e instanceof StreamingEvent.StreamError err) {
            throw err.error();
          }
        }
      }
    });
  }

  private static Answer openAiStream(String... frames) {
    return Answer.sse(List.of(frames), "\n\n");
  }

  private static final String CHUNK = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o\","
      + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"finish_reason\":null}]}";

  // ---------------------------------------------------------------- S1, S4: keys in stream errors and accessors

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aKeyEchoedInAStreamErrorFrameIsMasked(boolean afterContent) {
    String frame = "data: {\"error\":{\"message\":\"Incorrect API key provided: " + KEY + ". You can find your API "
        + "key at https://platform.openai.com/account/api-keys.\",\"type\":\"invalid_request_error\",\"param\":null,"
        + "\"code\":\"invalid_api_key\"}}";
    try (AiClient client = client(Recordings.OPENAI, 0)) {
      server.enqueue(afterContent ? openAiStream(CHUNK, frame) : openAiStream(frame));
      Throwable e = streamError(client);
      assertThat(e).isInstanceOf(RemoteException.class);
      assertThat(((RemoteException) e).errorType()).isEqualTo(StandardErrorCode.AUTHENTICATION);
      assertThat(e.getMessage()).contains("Incorrect API key provided: [redacted]");
      assertNoKey(e);
    }
  }

  @Test
  void aKeyInTheErrorCodeOfAStreamFrameIsMaskedInTheProviderCode() {
    try (AiClient client = client(Recordings.OPENAI, 0)) {
      server.enqueue(openAiStream(CHUNK, "data: {\"error\":{\"message\":\"bad key\",\"code\":\"" + KEY + "\"}}"));
      Throwable e = streamError(client);
      assertThat(e).isInstanceOf(RemoteException.class);
      assertThat(((RemoteException) e).providerCode()).contains("[redacted]");
      assertNoKey(e);
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aMalformedFrameQuotingTheKeyIsMasked(boolean afterContent) {
    String frame = "data: {\"error\": Incorrect API key provided: " + KEY + "}";
    try (AiClient client = client(Recordings.OPENAI, 0)) {
      server.enqueue(afterContent ? openAiStream(CHUNK, frame) : openAiStream(frame));
      Throwable e = streamError(client);
      assertThat(e).isInstanceOf(ProtocolException.class).hasMessageContaining("not valid JSON");
      assertNoKey(e);
    }
  }

  @Test
  void requestIdAndProviderCodeOfAnHttpErrorAreMasked() {
    try (AiClient client = client(Recordings.OPENAI, 0)) {
      server.enqueue(Answer.json(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\","
          + "\"type\":\"invalid_request_error\",\"code\":\"" + KEY + "\"}}").withHeader("x-request-id", "req_" + KEY));
      Throwable e = catchThrowable(() -> client.chat().user("hi").execute());
      assertThat(e).isInstanceOf(RemoteException.class);
      RemoteException r = (RemoteException) e;
      assertThat(r.requestId()).contains("req_[redacted]");
      assertThat(r.providerCode()).contains("[redacted]");
      assertNoKey(e);
    }
  }

  @Test
  void aStreamErrorFrameRequestIdIsMasked() {
    try (AiClient client = client(Recordings.ANTHROPIC, 0)) {
      server.enqueue(Answer.sse(List.of(Recordings.event("error", "{\"type\":\"error\",\"error\":{\"type\":"
          + "\"overloaded_error\",\"message\":\"Overloaded\"},\"request_id\":\"req_" + KEY + "\"}")), "\n\n"));
      Throwable e = streamError(client);
      assertThat(e).isInstanceOf(RemoteException.class);
      assertThat(((RemoteException) e).requestId()).contains("req_[redacted]");
      assertNoKey(e);
    }
  }

  @Test
  void thePasswordOfTheBaseUrlIsMaskedInErrorsAboutTheAnswer() {
    String password = "pw-" + KEY.substring(8, 30);
    String base = server.baseUrl().replace("http://", "http://bob:" + password + "@");
    try (AiClient client = AiClient.builder().model(Recordings.OPENAI.model).baseUrl(base).apiKey(KEY)
        .resilience(ResilientConfig.builder().maxRetries(0).build()).component(Environment.of(Map.of())).build()) {
      server.enqueue(Answer.json(502, "{\"error\":{\"message\":\"upstream http://bob:" + password
          + "@10.0.0.1 refused\",\"type\":\"server_error\"}}"));
      Throwable e = catchThrowable(() -> client.chat().user("hi").execute());
      assertThat(e).isInstanceOf(AiLibException.class);
      assertThat(everything(e)).doesNotContain(password);
      server.enqueue(openAiStream(CHUNK, "data: {\"error\":{\"message\":\"proxy bob:" + password
          + " rejected\",\"type\":\"server_error\"}}"));
      Throwable s = streamError(client);
      assertThat(s).isInstanceOf(RemoteException.class);
      assertThat(everything(s)).doesNotContain(password);
    }
  }

  // ---------------------------------------------------------------- S2: mask, then cut

  @ParameterizedTest
  @ValueSource(ints = {470, 480, 490, 495, 499})
  void aKeyStraddlingTheMessageCutIsMaskedBeforeTheCut(int at) {
    String message = "x".repeat(at) + KEY + " and more text after the key ".repeat(20);
    try (AiClient client = client(Recordings.OPENAI, 0)) {
      server.enqueue(Answer.json(401, "{\"error\":{\"message\":\"" + message + "\",\"code\":\"invalid_api_key\"}}"));
      Throwable e = catchThrowable(() -> client.chat().user("hi").execute());
      // the mask is cut, never the key: what stands at the cut is the start of "[redacted]"
      assertThat(e).isInstanceOf(RemoteException.class)
          .hasMessageContaining("x".repeat(at) + (at + 10 <= 500 ? "[redacted]" : "[redacted]".substring(0, 500 - at)
              + "..."));
      assertNoKey(e);
      assertThat(e.getMessage()).doesNotContain(KEY.substring(0, 8));
    }
  }

  @Test
  void aKeyStraddlingTheCutOfABodyThatIsNotJsonIsMasked() {
    try (AiClient client = client(Recordings.OPENAI, 0)) {
      server.enqueue(new Answer(502, Map.of("Content-Type", "text/html"),
          ("<html>" + "y".repeat(474) + KEY + "</html>").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      Throwable e = catchThrowable(() -> client.chat().user("hi").execute());
      assertThat(e).isInstanceOf(RemoteException.class);
      assertNoKey(e);
      assertThat(e.getMessage()).doesNotContain(KEY.substring(0, 8));
    }
  }

  // ---------------------------------------------------------------- R5: a 200 that is not a chat completion

  static Stream<Arguments> notAResponse() {
    List<Arguments> out = new ArrayList<>();
    for (Recordings style : Recordings.values()) {
      String field = switch (style) {
        case OPENAI -> "choices";
        case RESPONSES -> "output";
        case ANTHROPIC -> "content";
        case GEMINI -> "candidates";
      };
      out.add(Arguments.of(style, "", "empty"));
      out.add(Arguments.of(style, "[1,2,3]", "is an array"));
      out.add(Arguments.of(style, "42", "is the number 42"));
      out.add(Arguments.of(style, "null", "is null"));
      out.add(Arguments.of(style, "{}", "\"" + field + "\" is missing"));
      out.add(Arguments.of(style, "{\"" + field + "\":\"x\"}", "\"" + field + "\" is a string"));
    }
    out.add(Arguments.of(Recordings.OPENAI, "{\"choices\":[]}", "\"choices\" is an empty array"));
    out.add(Arguments.of(Recordings.OPENAI, "{\"choices\":[{}]}", "\"choices[0].message\" is missing"));
    out.add(Arguments.of(Recordings.GEMINI, "{\"candidates\":[]}", "\"candidates\" is an empty array"));
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("notAResponse")
  void aSuccessThatIsNotAChatCompletionFailsNamingWhatIsMissing(Recordings style, String body, String problem) {
    try (AiClient client = client(style, 0)) {
      server.enqueue(Answer.json(body));
      Throwable e = catchThrowable(() -> client.chat().user("hi").execute());
      assertThat(e).isInstanceOf(ProtocolException.class)
          .hasMessageContaining("provider '" + style.model.substring(0, style.model.indexOf('/')) + "'")
          .hasMessageContaining(problem);
      assertThat(((AiLibException) e).errorType()).isEqualTo(StandardErrorCode.SERVER_ERROR);
    }
  }

  // ---------------------------------------------------------------- R6: Retry-After below the policy's minimum

  @ParameterizedTest
  @ValueSource(strings = {"Retry-After: -5", "Retry-After: 0", "Retry-After: Wed, 21 Oct 2015 07:28:00 GMT",
      "retry-after-ms: 0", "retry-after-ms: -250", "Retry-After: 0.2"})
  void aRetryAfterBelowTheMinimumDelayWaitsTheMinimum(String header) {
    String[] h = header.split(": ", 2);
    try (AiClient client = client(Recordings.OPENAI, 2)) {
      server.enqueue(Answer.json(503, "{\"error\":{\"message\":\"busy\",\"type\":\"server_error\"}}")
              .withHeader(h[0], h[1]),
          Answer.json(503, "{\"error\":{\"message\":\"busy\",\"type\":\"server_error\"}}").withHeader(h[0], h[1]),
          Recordings.OPENAI.json("stop", false));
      assertThat(client.chat().user("hi").execute().content()).isEqualTo("Hello there");
    }
    // the bundled OpenAI manifest's retry_policy.min_delay_ms is 1000
    assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void aRetryAfterAboveTheMinimumIsHonoured() {
    try (AiClient client = client(Recordings.OPENAI, 1)) {
      server.enqueue(Answer.json(429, "{\"error\":{\"message\":\"slow\",\"code\":\"rate_limit_exceeded\"}}")
          .withHeader("retry-after-ms", "2500"), Recordings.OPENAI.json("stop", false));
      client.chat().user("hi").execute();
    }
    assertThat(sleeps).containsExactly(Duration.ofMillis(2500));
  }

  // ---------------------------------------------------------------- R8: same codes, clear words

  @Test
  void streamDecodingErrorsHaveTheCodeOfAMalformedBody() {
    try (AiClient client = client(Recordings.OPENAI, 0)) {
      server.enqueue(Answer.json("{\"choices\":"));
      Throwable body = catchThrowable(() -> client.chat().user("hi").execute());
      server.enqueue(openAiStream(CHUNK, "data: {\"choices\":"));
      Throwable frame = streamError(client);
      server.enqueue(openAiStream(CHUNK, "data: " + "z".repeat(2 << 20)));
      Throwable limit = streamError(client);
      for (Throwable e : List.of(body, frame, limit)) {
        assertThat(e).isInstanceOf(AiLibException.class);
        assertThat(((AiLibException) e).errorType()).as(e.getMessage()).isEqualTo(StandardErrorCode.SERVER_ERROR);
      }
      assertThat(limit).hasMessageContaining("longer than the limit");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {301, 302, 307, 308})
  void aRedirectSaysWhereItPointsAndThatItWasNotFollowed(int status) {
    try (AiClient client = client(Recordings.OPENAI, 0)) {
      server.enqueue(new Answer(status, Map.of("Location", "https://api.example.test/v2/chat/completions"),
          "Moved".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      Throwable e = catchThrowable(() -> client.chat().user("hi").execute());
      assertThat(e).isInstanceOf(RemoteException.class)
          .hasMessageContaining("redirect to https://api.example.test/v2/chat/completions not followed");
      assertThat(server.requests()).hasSize(1);
    }
  }

  @Test
  void aStringOverTheJsonReadersLimitIsNamedAsSuch() {
    String content = "w".repeat(21 * 1024 * 1024);
    try (AiClient client = client(Recordings.OPENAI, 0)) {
      server.enqueue(Answer.json("{\"id\":\"x\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
          + "\"content\":\"" + content + "\"},\"finish_reason\":\"stop\"}]}"));
      Throwable e = catchThrowable(() -> client.chat().user("hi").execute());
      assertThat(e).isInstanceOf(ProtocolException.class)
          .hasMessageContaining("maxStringLength")
          .hasMessageNotContaining("not valid JSON");
      assertThat(((AiLibException) e).errorType()).isEqualTo(StandardErrorCode.SERVER_ERROR);
    }
  }
}
