package dev.ailib.testkit.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestRecordingTest {

  private static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");

  private final FakeProvider fake = FakeProvider.builder()
      .clock(Clock.fixed(NOW, ZoneOffset.UTC))
      .defaultReply(Reply.text("ok"))
      .start();
  private final FakeHttp http = new FakeHttp();

  @AfterEach
  void close() {
    fake.close();
  }

  @Test
  void recordsMethodPathQueryHeadersAndBody() throws Exception {
    String body = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi \u00e9\"}],"
        + "\"stream\":true,\"stream_options\":{\"include_usage\":true},\"temperature\":0.5}";
    http.send(http.post(fake.baseUrl() + "/v1/chat/completions?trace=1&x=a%20b", body)
        .header("Authorization", "Bearer sk-secret-123")
        .header("X-Custom", "one"));

    RecordedRequest r = fake.takeRequest(Duration.ofSeconds(5));

    assertThat(r.sequence()).isEqualTo(1);
    assertThat(r.receivedAt()).isEqualTo(NOW);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/v1/chat/completions");
    assertThat(r.query()).isEqualTo("trace=1&x=a%20b");
    assertThat(r.target()).isEqualTo("/v1/chat/completions?trace=1&x=a%20b");
    assertThat(r.queryParameter("x")).isEqualTo("a b");
    assertThat(r.queryParameter("missing")).isNull();
    assertThat(r.header("authorization")).isEqualTo("Bearer sk-secret-123");
    assertThat(r.header("x-custom")).isEqualTo("one");
    assertThat(r.headerValues("X-CUSTOM")).containsExactly("one");
    assertThat(r.body()).isEqualTo(body);
    assertThat(r.format()).isEqualTo(WireFormat.OPENAI_CHAT);
    assertThat(r.model()).isEqualTo("gpt-4o");
    assertThat(r.streaming()).isTrue();
    assertThat(r.jsonAt("messages[0].content")).isEqualTo("Hi \u00e9");
    assertThat(r.jsonAt("stream_options.include_usage")).isEqualTo(true);
    assertThat(r.jsonAt("temperature")).hasToString("0.5");
    assertThat(r.jsonAt("messages[3].content")).isNull();
    assertThat(r.jsonString("messages[0]")).isEqualTo("{\"role\":\"user\",\"content\":\"Hi \u00e9\"}");
    assertThat(r.json()).get().isInstanceOf(Map.class);
  }

  @Test
  void toStringRedactsSecrets() throws Exception {
    http.send(http.post(fake.baseUrl() + "/v1/messages", "{\"model\":\"c\"}")
        .header("x-api-key", "sk-ant-secret-456")
        .header("anthropic-version", "2023-06-01"));
    http.send(http.post(fake.baseUrl() + "/v1beta/models/g:generateContent?key=AIza-secret-789&alt=json", "{}")
        .header("x-goog-api-key", "AIza-secret-789"));

    String text = fake.requests().toString();

    assertThat(text).doesNotContain("secret").contains("x-api-key=<redacted>")
        .contains("anthropic-version=2023-06-01").contains("key=<redacted>&alt=json");
  }

  @Test
  void geminiModelComesFromThePath() throws Exception {
    http.postJson(fake.baseUrl() + "/v1beta/models/gemini-1.5-pro%2Dlatest:streamGenerateContent?alt=sse", "{}");

    RecordedRequest r = fake.takeRequest();

    assertThat(r.format()).isEqualTo(WireFormat.GEMINI);
    assertThat(r.model()).isEqualTo("gemini-1.5-pro-latest");
    assertThat(r.streaming()).isTrue();
  }

  @Test
  void keepAliveRequestsShareAConnection() throws Exception {
    http.postJson(fake.baseUrl() + "/chat/completions", "{\"model\":\"m\"}");
    http.postJson(fake.baseUrl() + "/chat/completions", "{\"model\":\"m\"}");

    assertThat(fake.requestCount()).isEqualTo(2);
    assertThat(fake.requests().get(0).connectionId()).isEqualTo(fake.requests().get(1).connectionId());
    assertThat(fake.totalConnections()).isEqualTo(1);
    assertThat(fake.openConnections()).isEqualTo(1);
  }

  @Test
  void chunkedRequestBodiesAreRead() throws Exception {
    try (RawClient client = new RawClient(fake.port())) {
      client.socket.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"mod\r\na\r\nel\":\"abc\"}\r\n0\r\n\r\n")
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      assertThat(client.readHead()).startsWith("HTTP/1.1 200 OK\r\n");
    }
    assertThat(fake.takeRequest().body()).isEqualTo("{\"model\":\"abc\"}");
  }

  @Test
  void expectContinueConnectionCloseAndBadRequestsAreHandled() throws Exception {
    try (RawClient client = new RawClient(fake.port())) {
      client.socket.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n"
          + "Expect: 100-continue\r\nContent-Length: 2\r\nConnection: close\r\n\r\n")
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      assertThat(client.readHead()).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
      client.socket.getOutputStream().write("{}".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      assertThat(client.readHead()).startsWith("HTTP/1.1 200 OK\r\n").contains("\r\nConnection: close\r\n");
      client.readToEof();
    }
    try (RawClient client = new RawClient(fake.port())) {
      client.socket.getOutputStream().write("GET /v1/chat/completions HTTP/1.1\r\nHost: x\r\n\r\n"
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      assertThat(client.readHead()).startsWith("HTTP/1.1 405 Method Not Allowed\r\n");
    }
    try (RawClient client = new RawClient(fake.port())) {
      client.socket.getOutputStream().write("NONSENSE\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      assertThat(client.readHead()).startsWith("HTTP/1.1 400 Bad Request\r\n");
      assertThat(new String(client.readToEof(), java.nio.charset.StandardCharsets.UTF_8))
          .contains("FakeProvider: malformed request line: 'NONSENSE'");
    }
  }

  @Test
  void takeRequestFailsClearlyWhenNothingArrives() {
    assertThatThrownBy(() -> fake.takeRequest(Duration.ofMillis(20)))
        .isInstanceOf(AssertionError.class).hasMessageContaining("no request arrived within PT0.02S");
  }

  @Test
  void resetForgetsRequestsAndQueue() throws Exception {
    fake.enqueue(Reply.text("queued"));
    http.postJson(fake.baseUrl() + "/chat/completions", "{}");
    fake.enqueue(Reply.text("left over"));

    fake.reset();

    assertThat(fake.requests()).isEmpty();
    assertThat(fake.queuedReplies()).isZero();
    HttpResponse<String> response = http.postJson(fake.baseUrl() + "/chat/completions", "{}");
    assertThat(response.body()).contains("\"content\":\"ok\"");
    assertThat(fake.takeRequest().sequence()).isEqualTo(2);
  }

  @Test
  void queuedRepliesAreTakenInOrderThenTheDefault() throws Exception {
    fake.enqueue(Reply.text("first"), Reply.text("second"));

    assertThat(http.postJson(fake.baseUrl() + "/chat/completions", "{}").body()).contains("\"first\"");
    assertThat(http.postJson(fake.baseUrl() + "/messages", "{}").body()).contains("\"second\"");
    assertThat(http.postJson(fake.baseUrl() + "/chat/completions", "{}").body()).contains("\"ok\"");
    assertThat(fake.queuedReplies()).isZero();
  }
}
