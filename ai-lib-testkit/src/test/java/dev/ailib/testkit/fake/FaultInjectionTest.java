package dev.ailib.testkit.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {

  private static final String OPENAI = "/v1/chat/completions";
  private static final String STREAM_BODY = "{\"model\":\"m\",\"stream\":true}";
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final FakeProvider fake = FakeProvider.builder()
      .clock(java.time.Clock.fixed(java.time.Instant.ofEpochSecond(1_700_000_000L), java.time.ZoneOffset.UTC))
      .start();
  private final FakeHttp http = new FakeHttp();

  @AfterEach
  void close() {
    fake.close();
  }

  /** The frames of a reply without faults, for comparison. */
  private List<byte[]> cleanFrames(Reply reply) throws IOException {
    fake.enqueue(reply);
    try (RawClient client = new RawClient(fake.port())) {
      client.post(OPENAI, STREAM_BODY);
      client.readHead();
      return client.readChunks();
    }
  }

  @Test
  void delayBeforeHeadersSendsNothingAndNoticesTheClientLeaving() throws Exception {
    fake.enqueue(Reply.text("late").delayBeforeHeaders(Duration.ofMinutes(5)));
    try (RawClient client = new RawClient(fake.port())) {
      client.post(OPENAI, STREAM_BODY);
      fake.takeRequest(WAIT);
      assertThat(client.silentFor(200)).isTrue();
    }

    ClientDisconnect disconnect = fake.awaitClientDisconnect(WAIT);
    assertThat(disconnect.duringResponse()).isTrue();
    assertThat(disconnect.requestsServed()).isEqualTo(1);
    assertThat(fake.awaitOpenConnections(0, WAIT)).isTrue();
  }

  @Test
  void stallHoldsTheStreamUntilReleasedThenFinishesIt() throws Exception {
    Reply reply = Reply.streamedText("a", "b", "c");
    List<byte[]> clean = cleanFrames(reply);
    fake.enqueue(reply.id("chatcmpl-fake-1").stallAfterEvents(2));

    try (RawClient client = new RawClient(fake.port())) {
      client.post(OPENAI, STREAM_BODY);
      client.readHead();
      byte[] first = client.readChunk();
      byte[] second = client.readChunk();
      fake.awaitStalled(1, WAIT);
      assertThat(client.silentFor(200)).isTrue();

      fake.releaseStalls();
      List<byte[]> rest = client.readChunks();

      assertThat(new String(first, StandardCharsets.UTF_8) + new String(second, StandardCharsets.UTF_8)
          + RawClient.join(rest)).isEqualTo(RawClient.join(clean));
    }
    assertThat(fake.stalledStreams()).isZero();
  }

  @Test
  void clientClosingAStalledStreamIsObserved() throws Exception {
    fake.enqueue(Reply.text("one two three").stallAfterEvents(1));
    HttpResponse<InputStream> response = http.client.send(
        http.post(fake.baseUrl() + OPENAI, STREAM_BODY).build(), HttpResponse.BodyHandlers.ofInputStream());
    InputStream body = response.body();
    byte[] firstFrame = body.readNBytes(10);
    assertThat(new String(firstFrame, StandardCharsets.UTF_8)).isEqualTo("data: {\"id");
    fake.awaitStalled(1, WAIT);

    body.close();

    ClientDisconnect disconnect = fake.awaitClientDisconnect(WAIT);
    assertThat(disconnect.duringResponse()).isTrue();
    assertThat(disconnect.connectionId()).isEqualTo(fake.takeRequest().connectionId());
    assertThat(fake.awaitOpenConnections(0, WAIT)).isTrue();
    assertThat(fake.stalledStreams()).isZero();
  }

  @Test
  void disconnectMidStreamCutsTheBodyAfterNEvents() throws Exception {
    Reply reply = Reply.streamedText("a", "b", "c");
    List<byte[]> clean = cleanFrames(reply);
    fake.enqueue(reply.id("chatcmpl-fake-1").disconnectAfterEvents(2));

    try (RawClient client = new RawClient(fake.port())) {
      client.post(OPENAI, STREAM_BODY);
      client.readHead();
      assertThat(client.readChunk()).isEqualTo(clean.get(0));
      assertThat(client.readChunk()).isEqualTo(clean.get(1));
      assertThat(client.readToEof()).isEmpty();
    }
    assertThat(fake.clientDisconnects()).as("a server-side close is not a client disconnect")
        .allMatch(d -> !d.duringResponse());
  }

  @Test
  void disconnectMidStreamFailsAJavaHttpClientRead() throws Exception {
    fake.enqueue(Reply.text("a b c d").disconnectAfterEvents(1));
    HttpResponse<InputStream> response = http.client.send(
        http.post(fake.baseUrl() + OPENAI, STREAM_BODY).build(), HttpResponse.BodyHandlers.ofInputStream());

    assertThatThrownBy(() -> response.body().readAllBytes()).isInstanceOf(IOException.class);
  }

  @Test
  void malformedFrameIsInsertedAndTheStreamGoesOn() throws Exception {
    Reply reply = Reply.streamedText("x", "y");
    List<byte[]> clean = cleanFrames(reply);
    fake.enqueue(reply.id("chatcmpl-fake-1").malformedFrameAfterEvents(1));

    try (RawClient client = new RawClient(fake.port())) {
      client.post(OPENAI, STREAM_BODY);
      client.readHead();
      List<byte[]> frames = client.readChunks();

      assertThat(frames).hasSize(clean.size() + 1);
      String bad = new String(frames.get(1), StandardCharsets.UTF_8);
      assertThat(bad).startsWith("data: {").endsWith("\n\n");
      String json = bad.substring("data: ".length(), bad.length() - 2);
      assertThatThrownBy(() -> Json.parse(json)).isInstanceOf(IllegalArgumentException.class);
      frames.remove(1);
      assertThat(RawClient.join(frames)).isEqualTo(RawClient.join(clean));
    }
  }

  @Test
  void malformedJsonBodyIsTruncated() throws Exception {
    fake.enqueue(Reply.text("whole"), Reply.text("whole").malformedFrameAfterEvents(0));

    String good = http.postJson(fake.baseUrl() + OPENAI, "{\"model\":\"m\"}").body();
    String bad = http.postJson(fake.baseUrl() + OPENAI, "{\"model\":\"m\"}").body();

    assertThat(good.replace("fake-1", "fake-2")).startsWith(bad);
    assertThat(bad.length()).isLessThan(good.length());
    assertThatThrownBy(() -> Json.parse(bad)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void slowDripWaitsOnTheSocketSoAClientCloseIsSeen() throws Exception {
    fake.enqueue(Reply.text("a b").dripDelay(Duration.ofMinutes(5)));
    try (RawClient client = new RawClient(fake.port())) {
      client.post(OPENAI, STREAM_BODY);
      client.readHead();
      assertThat(new String(client.readChunk(), StandardCharsets.UTF_8)).contains("\"role\":\"assistant\"");
      assertThat(client.silentFor(200)).isTrue();
    }
    assertThat(fake.awaitClientDisconnect(WAIT).duringResponse()).isTrue();
  }

  @Test
  void slowDripDeliversEveryEvent() throws Exception {
    Reply reply = Reply.streamedText("a", "b");
    List<byte[]> clean = cleanFrames(reply);
    fake.enqueue(reply.id("chatcmpl-fake-1").dripDelay(Duration.ofMillis(5)));

    try (RawClient client = new RawClient(fake.port())) {
      client.post(OPENAI, STREAM_BODY);
      client.readHead();
      assertThat(RawClient.join(client.readChunks())).isEqualTo(RawClient.join(clean));
    }
  }

  @Test
  void writeSizeSplitsFramesAndUtf8AcrossWrites() throws Exception {
    Reply reply = Reply.streamedText("h\u00e9", "\u20ac\uD83D\uDE00");
    List<byte[]> clean = cleanFrames(reply);
    fake.enqueue(reply.id("chatcmpl-fake-1").writeSize(3));

    try (RawClient client = new RawClient(fake.port())) {
      client.post(OPENAI, STREAM_BODY);
      client.readHead();
      List<byte[]> pieces = client.readChunks();
      assertThat(pieces).allMatch(p -> p.length <= 3);
      assertThat(RawClient.join(pieces)).isEqualTo(RawClient.join(clean));
    }
  }

  @Test
  void dropConnectionAnswersNothing() throws Exception {
    fake.enqueue(Reply.dropConnection());
    try (RawClient client = new RawClient(fake.port())) {
      client.post(OPENAI, "{\"model\":\"m\"}");
      assertThat(client.readToEof()).isEmpty();
    }
    assertThat(fake.requestCount()).isEqualTo(1);
  }

  @Test
  void dropConnectionFailsAJavaHttpClientCall() {
    fake.enqueue(Reply.dropConnection(), Reply.dropConnection());
    assertThatThrownBy(() -> http.postJson(fake.baseUrl() + OPENAI, "{\"model\":\"m\"}"))
        .isInstanceOf(IOException.class);
  }

  @Test
  void streamErrorFramesUseEachProvidersFormat() throws Exception {
    fake.enqueue(Reply.text("a b").streamErrorAfterEvents(2, 529),
        Reply.text("a b").streamErrorAfterEvents(1, 500),
        Reply.text("a b").streamErrorAfterEvents(1, 503),
        Reply.text("a b").streamErrorAfterEvents(0, 429));

    String anthropic = http.postJson(fake.baseUrl() + "/v1/messages", STREAM_BODY).body();
    assertThat(anthropic).endsWith("event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
        + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
        + "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":"
        + "\"Overloaded\"},\"request_id\":\"req_fake_1\"}\n\n");

    HttpResponse<String> openAi = http.postJson(fake.baseUrl() + OPENAI, STREAM_BODY);
    assertThat(openAi.statusCode()).isEqualTo(200);
    assertThat(openAi.body().split("\n\n")).hasSize(2);
    assertThat(openAi.body()).endsWith("\n\ndata: {\"error\":{\"message\":\"The server had an error while processing "
        + "your request. Sorry about that!\",\"type\":\"server_error\",\"param\":null,\"code\":null}}\n\n");

    String geminiSse = http.postJson(fake.baseUrl() + "/v1beta/models/g:streamGenerateContent?alt=sse", "{}").body();
    assertThat(geminiSse).endsWith("\r\n\r\ndata: {\"error\":{\"code\":503,\"message\":\"The model is overloaded. "
        + "Please try again later.\",\"status\":\"UNAVAILABLE\"}}\r\n\r\n");

    String geminiArray = http.postJson(fake.baseUrl() + "/v1beta/models/g:streamGenerateContent", "{}").body();
    assertThat(Json.at(Json.parse(geminiArray), "[0].error.status")).isEqualTo("RESOURCE_EXHAUSTED");
  }

  @Test
  void faultsWorkInAnthropicAndGeminiStreamsToo() throws Exception {
    fake.enqueue(Reply.text("a b c").disconnectAfterEvents(3), Reply.text("a b c").disconnectAfterEvents(1));
    try (RawClient client = new RawClient(fake.port())) {
      client.post("/v1/messages", STREAM_BODY);
      client.readHead();
      assertThat(new String(client.readChunk(), StandardCharsets.UTF_8)).startsWith("event: message_start\n");
      assertThat(new String(client.readChunk(), StandardCharsets.UTF_8)).startsWith("event: content_block_start\n");
      assertThat(new String(client.readChunk(), StandardCharsets.UTF_8)).startsWith("event: ping\n");
      assertThat(client.readToEof()).isEmpty();
    }
    try (RawClient client = new RawClient(fake.port())) {
      client.post("/v1beta/models/g:streamGenerateContent?alt=sse", "{}");
      client.readHead();
      assertThat(new String(client.readChunk(), StandardCharsets.UTF_8)).startsWith("data: {\"candidates\"")
          .endsWith("\r\n\r\n");
      assertThat(client.readToEof()).isEmpty();
    }
  }
}
