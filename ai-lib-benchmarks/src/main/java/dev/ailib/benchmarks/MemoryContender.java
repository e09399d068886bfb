package dev.ailib.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * A streaming pipeline fed from memory inside the load driver's interleaved rounds: ai-lib's whole client over a
 * memory transport, or the baseline parser over the same bytes. Streams only; makes no calls.
 */
final class MemoryContender implements Contender {
  static final String AILIB = "ai-lib (memory)";
  static final String RAW = "raw (memory)";

  private final String name;
  private final AiLibContender client;
  private final byte[] sse;
  private final RawBaseline raw = new RawBaseline();

  MemoryContender(String name, AiLibContender client, byte[] sse) {
    this.name = name;
    this.client = client;
    this.sse = sse;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void stream(Consumer<String> sink) throws IOException {
    if (client != null) {
      client.stream(sink);
    } else {
      raw.openAi(new ByteArrayInputStream(sse), sink);
    }
  }

  @Override
  public String call() {
    throw new UnsupportedOperationException("memory contenders only stream");
  }

  @Override
  public boolean makesCalls() {
    return false;
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
    }
  }
}
