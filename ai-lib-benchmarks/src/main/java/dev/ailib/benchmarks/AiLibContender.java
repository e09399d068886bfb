package dev.ailib.benchmarks;

import dev.ailib.api.AiClient;
import dev.ailib.api.AiClientBuilder;
import dev.ailib.api.ChatStream;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.spi.ClientComponent;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * ai-lib through its public API: {@code AiClient} with the manifest {@code openai/gpt-4o}, on the {@code jdk}
 * transport (column "ai-lib") or the {@code httpclient5} one (column {@value #HTTPCLIENT5}).
 */
final class AiLibContender implements Contender {
  /** The column of ai-lib on the httpclient5 transport. */
  static final String HTTPCLIENT5 = "ai-lib httpclient5";

  private final AiClient client;
  private final String name;

  AiLibContender(String baseUrl) {
    this(baseUrl, "jdk");
  }

  AiLibContender(String baseUrl, String transport) {
    this.client = builder("openai/gpt-4o").baseUrl(baseUrl).transport(transport).build();
    this.name = transport.equals("jdk") ? "ai-lib" : HTTPCLIENT5;
  }

  private AiLibContender(AiClient client) {
    this.client = client;
    this.name = "ai-lib";
  }

  /**
   * A client answering from memory (no network), for the pipeline benchmarks.
   *
   * @param model the manifest to use, such as {@code openai/gpt-4o}
   * @param stream the recorded stream
   * @param reply the non-streaming reply
   * @return the contender
   */
  static AiLibContender inMemory(String model, byte[] stream, byte[] reply) {
    ClientComponent transport = new MemoryTransport(stream, reply);
    return new AiLibContender(builder(model).transport(transport).build());
  }

  static AiClientBuilder builder(String model) {
    AiClientBuilder b = AiClient.builder().model(model).apiKey("sk-bench-not-a-secret");
    String dir = System.getProperty("bench.protocolDir");
    if (dir != null && !dir.isBlank()) {
      b.protocolDir(Path.of(dir));
    }
    return b;
  }

  AiClient client() {
    return client;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void stream(Consumer<String> sink) {
    try (ChatStream s = client.chat().user(PROMPT).stream()) {
      drain(s, sink);
    }
  }

  /**
   * Reads a stream to its end, handing text pieces to the sink.
   *
   * @param events the events
   * @param sink receives each text piece
   * @return the number of events
   */
  static int drain(Iterable<StreamingEvent> events, Consumer<String> sink) {
    int n = 0;
    for (StreamingEvent e : events) {
      n++;
      if (e instanceof StreamingEvent.ContentDelta d) {
        sink.accept(d.text());
      } else if (e instanceof StreamingEvent.StreamError err) {
        throw err.error();
      }
    }
    return n;
  }

  @Override
  public String call() {
    return client.chat().user(PROMPT).execute().content();
  }

  @Override
  public void close() {
    client.close();
  }
}
