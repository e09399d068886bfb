package dev.ailib.benchmarks;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.ailib.api.AiClient;
import dev.ailib.api.TokenCount;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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

/**
 * How fast {@code countTokens} counts locally, against the tokenizer alone in the same run: {@link #jtokkit} is
 * jtokkit's {@code o200k_base} {@code countTokensOrdinary} on the message text (what ai-lib calls per value: the least any local count must do);
 * {@link #countTokens} is {@code client.chat().user(text).countTokens()} for {@code openai/gpt-4o} (manifest
 * tokenizer {@code o200k_base}: the request built as for a call, walked with OpenAI's chat overhead; the set-up
 * checks that the count is a local one). Text: seeded pseudo-English with punctuation, digits and some
 * non-ASCII words. Run: {@code java -cp "ai-lib-benchmarks/target/classes:ai-lib-benchmarks/target/lib/*"
 * org.openjdk.jmh.Main TokenCountBenchmark -prof gc}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class TokenCountBenchmark {
  private static final String[] WORDS = {"the", "model", "answers", "a", "question", "about", "tokens", "and",
      "prices", "of", "calls", "with", "cached", "input,", "budget", "window.", "Every", "request", "is", "counted",
      "before", "it", "leaves", "1,024", "2026-12-02", "données", "über", "数据", "naïve", "JSON:", "{\"k\":", "1}"};

  /** The text's length in characters. */
  @Param({"200", "20000"})
  public int chars;

  private static final Encoding O200K = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
  private String text;
  private AiClient client;

  /**
   * Deterministic text of about {@code length} characters (seed 42).
   *
   * @param length the length wanted
   * @return the text
   */
  static String text(int length) {
    Random random = new Random(42);
    StringBuilder b = new StringBuilder(length + 16);
    while (b.length() < length) {
      b.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
    }
    return b.substring(0, length);
  }

  /** Builds the text and the client; checks that the client counts locally and more than the text alone. */
  @Setup(Level.Trial)
  public void setUp() {
    text = text(chars);
    client = AiLibContender.builder("openai/gpt-4o").transport(new MemoryTransport(new byte[0], new byte[0])).build();
    TokenCount count = countTokens();
    int alone = jtokkit();
    if (count.method() != TokenCount.Method.TOKENIZER || count.inputTokens() <= alone || count.inputTokens() > alone + 16) {
      throw new IllegalStateException("expected a TOKENIZER count a few tokens above " + alone + ", got " + count);
    }
  }

  /** Closes the client. */
  @TearDown(Level.Trial)
  public void tearDown() {
    client.close();
  }

  /**
   * The baseline: the tokenizer alone on the text.
   *
   * @return the tokens
   */
  @Benchmark
  public int jtokkit() {
    return O200K.countTokensOrdinary(text);
  }

  /**
   * ai-lib's local count of a one-message request.
   *
   * @return the count
   */
  @Benchmark
  public TokenCount countTokens() {
    return client.chat().user(text).countTokens();
  }
}
