package dev.ailib.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Consumer;

/** The raw baseline over the network: {@code java.net.http.HttpClient} plus {@link RawBaseline}. */
final class RawContender implements Contender {
  static final String BODY_STREAM = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT
      + "\"}],\"stream\":true}";
  static final String BODY_CALL = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT
      + "\"}]}";

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final RawBaseline parser = new RawBaseline();
  private final URI uri;

  RawContender(String baseUrl) {
    this.uri = URI.create(baseUrl + "/chat/completions");
  }

  @Override
  public String name() {
    return "raw";
  }

  private HttpRequest request(String body) {
    return HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
        .header("Authorization", "Bearer sk-bench-not-a-secret").POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  @Override
  public void stream(Consumer<String> sink) throws IOException, InterruptedException {
    HttpResponse<InputStream> response = http.send(request(BODY_STREAM), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      check(response.statusCode());
      parser.openAi(body, sink);
    }
  }

  @Override
  public String call() throws IOException, InterruptedException {
    HttpResponse<byte[]> response = http.send(request(BODY_CALL), HttpResponse.BodyHandlers.ofByteArray());
    check(response.statusCode());
    return parser.openAiReply(response.body());
  }

  private static void check(int status) throws IOException {
    if (status != 200) {
      throw new IOException("loopback server answered HTTP " + status);
    }
  }

  @Override
  public void close() {
    // HttpClient has no close() on Java 17; its threads end when it is unreachable
  }
}
