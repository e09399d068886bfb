package dev.ailib.benchmarks;

import dev.ailib.api.StreamingEvent;
import dev.ailib.core.internal.stream.StreamPipeline;
import dev.ailib.core.internal.stream.StreamSession;
import dev.ailib.core.spi.Environment;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.protocol.ProtocolSource;
import dev.ailib.core.spi.protocol.ProtocolSourceConfig;
import dev.ailib.core.spi.protocol.ProtocolSourceProvider;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * ai-lib's streaming pipeline alone (issue 4's figure): bytes in 8 KiB reads through the manifest's decoder and
 * event mapping ({@code dev.ailib.core.internal.stream}, used here directly, which only a benchmark may do).
 * Its baseline is {@link PipelineBenchmark#baselineOpenAi}, over the same bytes in the same run.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class DecodeMapBenchmark {
  /** Content chunks per stream. */
  @Param({"20000"})
  public int chunks;

  private byte[] openAi;
  private StreamPipeline pipeline;

  /** Loads the {@code openai} manifest, prepares its pipeline and checks it yields the recorded text. */
  @Setup(Level.Trial)
  public void setUp() {
    RecordedStreams recorded = RecordedStreams.of(chunks);
    openAi = recorded.openAiSse();
    pipeline = pipeline("openai");
    StringBuilder a = new StringBuilder();
    decodeMap(a::append);
    Texts.requireSame("ai-lib decode+map", recorded.text(), a.toString());
  }

  static StreamPipeline pipeline(String provider) {
    String dir = System.getProperty("bench.protocolDir");
    ProtocolSourceProvider p = ServiceLoader.load(ProtocolSourceProvider.class).stream()
        .map(ServiceLoader.Provider::get).max(Comparator.comparingInt(ProtocolSourceProvider::priority))
        .orElseThrow(() -> new IllegalStateException("no ProtocolSourceProvider on the class path"));
    ProtocolSource source = p.create(new ProtocolSourceConfig(dir == null ? null : Path.of(dir), Environment.system()));
    ProviderManifest m = source.manifest(provider)
        .orElseThrow(() -> new IllegalStateException("no manifest '" + provider + "' in " + source.providerIds()));
    return StreamPipeline.create(m.streaming(), m.errors(), m.termination());
  }

  private int decodeMap(Consumer<String> sink) {
    StreamSession session = pipeline.newSession();
    int[] n = {0};
    Consumer<StreamingEvent> out = e -> {
      n[0]++;
      if (e instanceof StreamingEvent.ContentDelta d) {
        sink.accept(d.text());
      } else if (e instanceof StreamingEvent.StreamError err) {
        throw err.error();
      }
    };
    for (int at = 0; at < openAi.length; at += 8192) { // onBytes ignores what comes after the end
      session.onBytes(openAi, at, Math.min(8192, openAi.length - at), out);
    }
    session.finish(out);
    return n[0];
  }

  /**
   * ai-lib: decoder + manifest-driven mapping.
   *
   * @param bh the sink
   * @return events produced
   */
  @Benchmark
  public int ailibDecodeMap(Blackhole bh) {
    return decodeMap(bh::consume);
  }
}
