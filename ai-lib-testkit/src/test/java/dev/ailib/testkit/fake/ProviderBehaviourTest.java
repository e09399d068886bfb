package dev.ailib.testkit.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProviderBehaviourTest {

  private final FakeHttp http = new FakeHttp();

  @Test
  void requiredApiKeyIsCheckedPerWireFormat() throws Exception {
    try (FakeProvider fake = FakeProvider.builder().requireApiKey("sk-right").defaultReply(Reply.text("ok"))
        .start()) {
      String openAi = fake.baseUrl() + "/v1/chat/completions";
      HttpResponse<String> wrong = http.send(http.post(openAi, "{}").header("Authorization", "Bearer sk-wrong"));
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(wrong.body()).contains("\"code\":\"invalid_api_key\"").doesNotContain("sk-wrong");
      assertThat(http.send(http.post(openAi, "{}").header("Authorization", "Bearer sk-right")).statusCode())
          .isEqualTo(200);

      String anthropic = fake.baseUrl() + "/v1/messages";
      HttpResponse<String> missing = http.postJson(anthropic, "{}");
      assertThat(missing.statusCode()).isEqualTo(401);
      assertThat(missing.body()).contains("\"type\":\"authentication_error\"");
      assertThat(http.send(http.post(anthropic, "{}").header("x-api-key", "sk-right")).statusCode())
          .isEqualTo(200);

      String gemini = fake.baseUrl() + "/v1beta/models/g:generateContent";
      HttpResponse<String> noKey = http.postJson(gemini, "{}");
      assertThat(noKey.statusCode()).isEqualTo(401);
      assertThat(noKey.body()).contains("\"status\":\"UNAUTHENTICATED\"");
      assertThat(http.postJson(gemini + "?key=sk-right", "{}").statusCode()).isEqualTo(200);
      assertThat(http.send(http.post(gemini, "{}").header("x-goog-api-key", "sk-right")).statusCode())
          .isEqualTo(200);
      assertThat(fake.queuedReplies()).isZero();
    }
  }

  @Test
  void unknownPathNoReplyAndBadJsonGetClearErrors() throws Exception {
    try (FakeProvider fake = FakeProvider.start()) {
      HttpResponse<String> unknown = http.postJson(fake.baseUrl() + "/v1/completions", "{}");
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(unknown.body()).contains("no wire format for POST /v1/completions");

      HttpResponse<String> none = http.postJson(fake.baseUrl() + "/v1/chat/completions", "{\"model\":\"m\"}");
      assertThat(none.statusCode()).isEqualTo(500);
      assertThat(none.body()).contains("FakeProvider has no reply for request #2 (POST /v1/chat/completions)");

      fake.enqueue(Reply.text("kept"));
      HttpResponse<String> bad = http.postJson(fake.baseUrl() + "/v1/messages", "{\"model\": oops}");
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.body()).contains("\"type\":\"invalid_request_error\"")
          .contains("request body rejected: invalid JSON at offset 10");
      assertThat(fake.queuedReplies()).as("a rejected request takes no reply").isEqualTo(1);
    }
  }

  @Test
  void failureRateIsSeededAndRepeatable() throws Exception {
    List<Integer> first = statuses(7L);
    List<Integer> second = statuses(7L);

    assertThat(first).isEqualTo(second);
    assertThat(first).contains(200, 503);
    assertThat(first).containsOnly(200, 503);
  }

  private List<Integer> statuses(long seed) throws Exception {
    try (FakeProvider fake = FakeProvider.builder().seed(seed).defaultReply(Reply.text("ok"))
        .failureRate(0.5, Reply.error(503).retryAfterSeconds(1)).start()) {
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        HttpResponse<String> r = http.postJson(fake.baseUrl() + "/chat/completions", "{}");
        if (r.statusCode() == 503) {
          assertThat(r.headers().firstValue("retry-after")).hasValue("1");
        }
        statuses.add(r.statusCode());
      }
      return statuses;
    }
  }

  @Test
  void disconnectRateCutsStreamsAndDropsJsonCalls() throws Exception {
    try (FakeProvider fake = FakeProvider.builder().disconnectRate(1.0).defaultReply(Reply.text("a b c"))
        .start()) {
      assertThatThrownBy(() -> http.postJson(fake.baseUrl() + "/chat/completions", "{}"))
          .isInstanceOf(IOException.class);
      try (RawClient client = new RawClient(fake.port())) {
        client.post("/chat/completions", "{\"stream\":true}");
        assertThat(client.readHead()).startsWith("HTTP/1.1 200 OK");
        assertThat(client.readChunk()).isNotNull();
        assertThat(client.readToEof()).isEmpty();
      }
    }
  }

  @Test
  void defaultJavaHttpClientWithItsH2cUpgradeAttemptGetsHttp11() throws Exception {
    java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
    try (FakeProvider fake = FakeProvider.builder().defaultReply(Reply.text("a b")).start()) {
      for (int i = 0; i < 2; i++) {
        HttpResponse<String> r = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(fake.baseUrl() + "/v1/chat/completions"))
            .timeout(Duration.ofSeconds(10))
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"stream\":true}")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(r.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_1_1);
        assertThat(r.body()).endsWith("data: [DONE]\n\n");
      }
      assertThat(fake.requests().get(0).header("upgrade")).isEqualTo("h2c");
    }
  }

  @Test
  void concurrentStreamsAreServed() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (FakeProvider fake = FakeProvider.builder().defaultReply(Reply.text("one two three four")).start()) {
      List<Future<String>> bodies = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        bodies.add(pool.submit(() -> http.postJson(fake.baseUrl() + "/v1/messages",
            "{\"model\":\"c\",\"stream\":true}").body()));
      }
      for (Future<String> body : bodies) {
        assertThat(body.get(10, TimeUnit.SECONDS)).endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
      }
      assertThat(fake.requestCount()).isEqualTo(16);
      assertThat(fake.openConnections()).isBetween(1, 16);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void closeEndsStalledStreamsAndStopsItsThreads() throws Exception {
    FakeProvider fake = FakeProvider.builder().defaultReply(Reply.text("a b").stallAfterEvents(1)).start();
    String prefix = "fake-provider-" + fake.port() + "-";
    RawClient client = new RawClient(fake.port());
    client.post("/chat/completions", "{\"stream\":true}");
    client.readHead();
    client.readChunk();
    fake.awaitStalled(1, Duration.ofSeconds(10));

    fake.close();

    assertThat(fake.isClosed()).isTrue();
    assertThatThrownBy(client::readChunk).isInstanceOf(IOException.class);
    client.close();
    assertThat(fake.openConnections()).isZero();
    assertThat(fake.clientDisconnects()).isEmpty();
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith(prefix) && t.isAlive());
    assertThatThrownBy(() -> new RawClient(fake.port())).isInstanceOf(IOException.class);
  }

  @Test
  void replyValuesRejectBadInput() {
    assertThatThrownBy(() -> Reply.error(200)).hasMessage("error status must be 400..599, got 200");
    assertThatThrownBy(() -> Reply.text("x").stallAfterEvents(-1)).hasMessage("stallAfterEvents must be >= 0, got -1");
    assertThatThrownBy(() -> Reply.Usage.of(-1, 2)).hasMessage("inputTokens must be >= 0, got -1");
    assertThatThrownBy(() -> new Reply.Text("abc", List.of("a", "b")))
        .hasMessage("text: the chunks join to \"ab\" but the full text is \"abc\"");
    assertThatThrownBy(() -> Reply.text("x").errorCode("c"))
        .hasMessage("errorCode() applies to error replies, this is a COMPLETION reply");
    assertThatThrownBy(() -> Reply.error(500).header("Bad Name", "v")).hasMessage("invalid header name 'Bad Name'");
    assertThatThrownBy(() -> FakeProvider.builder().failureRate(1.5, Reply.error(500)))
        .hasMessage("failureRate must be within 0.0..1.0, got 1.5");
    assertThat(Reply.text("Hello big world").parts().get(0)).isEqualTo(
        new Reply.Text("Hello big world", List.of("Hello", " big", " world")));
    assertThat(Reply.toolCallPart("c", "f", "{\"a\":\"0123456\"}").argumentChunks())
        .containsExactly("{\"a\":\"01", "23456\"}");
  }
}
