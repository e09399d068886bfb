package dev.ailib.benchmarks;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ailib.api.AiClient;
import dev.ailib.api.Budget;
import dev.ailib.api.ChatResult;
import dev.ailib.api.Cost;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * What cost accounting adds to a call, with the client answering from memory (same reply bytes for every client):
 * {@link #unpriced} is the baseline, a model the manifest does not list ({@code allowUnlistedModels()}: no prices,
 * no context window, so no pricing and no context-window check); {@link #priced} is {@code openai/gpt-4o} (its cost
 * computed from the manifest's prices, cached input included, and the request checked against the context window);
 * {@link #pricedWithBudgets} adds a cost budget, a token budget and a spend listener. The prompt is {@code
 * promptChars} long, so the context-window check walks a short and a long request. Run: {@code java -cp
 * "ai-lib-benchmarks/target/classes:ai-lib-benchmarks/target/lib/*" org.openjdk.jmh.Main CostBenchmark -prof gc}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class CostBenchmark {
  /** The prompt's length in characters. */
  @Param({"20", "20000"})
  public int promptChars;

  private final AtomicLong spends = new AtomicLong();
  private String prompt;
  private AiClient unlisted;
  private AiClient priced;
  private AiClient budgeted;

  /** Builds the reply (1,000 prompt tokens of which 200 cached, 50 output) and the three clients; checks them. */
  @Setup(Level.Trial)
  public void setUp() {
    prompt = TokenCountBenchmark.text(promptChars);
    ObjectNode reply = JsonNodeFactory.instance.objectNode().put("id", "chatcmpl-1").put("object", "chat.completion")
        .put("model", "gpt-4o");
    reply.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop").putObject("message")
        .put("role", "assistant").put("content", "A short answer of a few words.");
    ObjectNode usage = reply.putObject("usage").put("prompt_tokens", 1_000).put("completion_tokens", 50)
        .put("total_tokens", 1_050);
    usage.putObject("prompt_tokens_details").put("cached_tokens", 200);
    byte[] body = reply.toString().getBytes(StandardCharsets.UTF_8);
    byte[] noStream = new byte[0];
    unlisted = AiLibContender.builder("openai/gpt-4o-unlisted-for-bench").allowUnlistedModels()
        .transport(new MemoryTransport(noStream, body)).build();
    priced = AiLibContender.builder("openai/gpt-4o").transport(new MemoryTransport(noStream, body)).build();
    budgeted = AiLibContender.builder("openai/gpt-4o").transport(new MemoryTransport(noStream, body))
        .budget(Budget.cost(new BigDecimal("1000000000"), "USD", Duration.ofDays(1)))
        .budget(Budget.tokens(Long.MAX_VALUE / 4, Duration.ofDays(1)))
        .spendListener(spend -> spends.incrementAndGet())
        .build();
    Cost none = unpriced().stats().cost();
    if (none.known()) {
      throw new IllegalStateException("the unlisted model has a cost: " + none);
    }
    // gpt-4o: 800 x 2.50 + 200 x 1.25 + 50 x 10 per million = 0.00275
    for (ChatResult r : new ChatResult[] {priced(), pricedWithBudgets()}) {
      Cost c = r.stats().cost();
      if (!c.known() || c.total().compareTo(new BigDecimal("0.00275")) != 0) {
        throw new IllegalStateException("expected 0.00275 USD, got " + c);
      }
    }
    if (spends.get() != 1) {
      throw new IllegalStateException("the spend listener was told " + spends.get() + " times, expected once");
    }
  }

  /** Closes the clients. */
  @TearDown(Level.Trial)
  public void tearDown() {
    unlisted.close();
    priced.close();
    budgeted.close();
  }

  /**
   * The baseline: a model without prices or context window.
   *
   * @return the result
   */
  @Benchmark
  public ChatResult unpriced() {
    return unlisted.chat().user(prompt).executeWithStats();
  }

  /**
   * A priced model: cost computed, context window checked.
   *
   * @return the result
   */
  @Benchmark
  public ChatResult priced() {
    return priced.chat().user(prompt).executeWithStats();
  }

  /**
   * A priced model with a cost budget, a token budget and a spend listener.
   *
   * @return the result
   */
  @Benchmark
  public ChatResult pricedWithBudgets() {
    return budgeted.chat().user(prompt).executeWithStats();
  }
}
