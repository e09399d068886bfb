package dev.ailib.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The streaming pipeline over recorded streams held in memory: one operation turns a whole recorded stream
 * (20,000 content chunks by default) into text pieces. ai-lib runs its whole client (request encoding, decoder,
 * manifest-driven event mapping, engine) against a transport that answers from memory; the baseline reads lines
 * and parses each payload with Jackson's {@code readTree}. Throughput times {@code chunks} is pieces per second;
 * {@code gc.alloc.rate.norm} divided by {@code chunks} is bytes allocated per chunk. Each state checks, before
 * measuring, that its pipeline yields exactly the recorded text.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class PipelineBenchmark {

  /** The recorded streams, shared by both states. */
  @State(Scope.Benchmark)
  public static class Streams {
    /** Content chunks per stream. */
    @Param({"20000"})
    public int chunks;

    RecordedStreams recorded;
    byte[] openAi;
    byte[] anthropic;

    /** Generates the streams. */
    @Setup(Level.Trial)
    public void generate() {
      recorded = RecordedStreams.of(chunks);
      openAi = recorded.openAiSse();
      anthropic = recorded.anthropicSse();
    }
  }

  /** The baseline parser, checked against the recorded text. */
  @State(Scope.Benchmark)
  public static class Baseline {
    final RawBaseline raw = new RawBaseline();

    /**
     * Checks the baseline reproduces the recorded text.
     *
     * @param s the streams
     * @throws IOException never, for recorded input
     */
    @Setup(Level.Trial)
    public void check(Streams s) throws IOException {
      StringBuilder a = new StringBuilder();
      raw.openAi(new ByteArrayInputStream(s.openAi), a::append);
      Texts.requireSame("baseline openai", s.recorded.text(), a.toString());
      StringBuilder b = new StringBuilder();
      raw.anthropic(new ByteArrayInputStream(s.anthropic), b::append);
      Texts.requireSame("baseline anthropic", s.recorded.text(), b.toString());
    }
  }

  /** ai-lib clients answering from memory, checked against the recorded text. */
  @State(Scope.Benchmark)
  public static class AiLib {
    AiLibContender openAi;
    AiLibContender anthropic;

    /**
     * Builds the clients and checks they reproduce the recorded text.
     *
     * @param s the streams
     */
    @Setup(Level.Trial)
    public void build(Streams s) {
      byte[] reply = RecordedStreams.of(16).openAiJson();
      openAi = AiLibContender.inMemory("openai/gpt-4o", s.openAi, reply);
      anthropic = AiLibContender.inMemory("anthropic/claude-sonnet-4-5", s.anthropic, reply);
      StringBuilder a = new StringBuilder();
      openAi.stream(a::append);
      Texts.requireSame("ai-lib openai", s.recorded.text(), a.toString());
      StringBuilder b = new StringBuilder();
      anthropic.stream(b::append);
      Texts.requireSame("ai-lib anthropic", s.recorded.text(), b.toString());
    }

    /** Closes the clients. */
    @TearDown(Level.Trial)
    public void close() {
      if (openAi != null) {
        openAi.close();
      }
      if (anthropic != null) {
        anthropic.close();
      }
    }
  }

  /**
   * Baseline over the OpenAI stream.
   *
   * @param s the streams
   * @param b the baseline
   * @param bh the sink
   * @return pieces read
   * @throws IOException never, for recorded input
   */
  @Benchmark
  public int baselineOpenAi(Streams s, Baseline b, Blackhole bh) throws IOException {
    return b.raw.openAi(new ByteArrayInputStream(s.openAi), sink(bh));
  }

  /**
   * ai-lib over the OpenAI stream.
   *
   * @param a the client
   * @param bh the sink
   */
  @Benchmark
  public void ailibOpenAi(AiLib a, Blackhole bh) {
    a.openAi.stream(sink(bh));
  }

  /**
   * Baseline over the Anthropic stream.
   *
   * @param s the streams
   * @param b the baseline
   * @param bh the sink
   * @return pieces read
   * @throws IOException never, for recorded input
   */
  @Benchmark
  public int baselineAnthropic(Streams s, Baseline b, Blackhole bh) throws IOException {
    return b.raw.anthropic(new ByteArrayInputStream(s.anthropic), sink(bh));
  }

  /**
   * ai-lib over the Anthropic stream.
   *
   * @param a the client
   * @param bh the sink
   */
  @Benchmark
  public void ailibAnthropic(AiLib a, Blackhole bh) {
    a.anthropic.stream(sink(bh));
  }

  private static Consumer<String> sink(Blackhole bh) {
    return bh::consume;
  }
}
