package dev.ailib.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.ailib.api.AiClient;
import dev.ailib.api.ChatStream;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.StructuredStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * What a typed answer costs over reading the same answer by hand, with the client answering from memory: {@link
 * #executeAs} (schema from the cache, answer checked against it, bound) against {@link #executeThenBind} (plain
 * execute, then Jackson on the text: what callers did before), and {@link #streamAs} (a partial value after every
 * fragment) against {@link #streamThenBind} (the same stream, bound once at the end). Same bytes, same run.
 * Run: {@code java -cp "ai-lib-benchmarks/target/classes:ai-lib-benchmarks/target/lib/*" org.openjdk.jmh.Main
 * StructuredBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class StructuredBenchmark {
  /** A line of an order. */
  public record Line(String product, int quantity) {
  }

  /** The answer's type. */
  public record Order(String customer, String priority, List<Line> lines, Optional<String> note) {
  }

  /** Lines in the answer (its size). */
  @Param({"3", "40"})
  public int lines;

  private static final ObjectMapper BINDER = JsonMapper.builder().addModule(new Jdk8Module()).build();
  private AiClient client;

  /** Builds the answer, its JSON reply and its stream (8-character fragments, as models stream JSON). */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    ObjectNode order = JsonNodeFactory.instance.objectNode().put("customer", "Ada Lovelace").put("priority", "URGENT");
    for (int i = 0; i < lines; i++) {
      order.withArray("lines").addObject().put("product", "product number " + i).put("quantity", i + 1);
    }
    order.put("note", "leave it with the neighbour");
    String json = order.toString();
    ObjectNode reply = JsonNodeFactory.instance.objectNode().put("id", "chatcmpl-1").put("model", "gpt-4o");
    reply.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop").putObject("message")
        .put("role", "assistant").put("content", json);
    reply.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 50).put("total_tokens", 60);
    ByteArrayOutputStream sse = new ByteArrayOutputStream();
    for (int i = 0; i < json.length(); i += 8) {
      ObjectNode chunk = JsonNodeFactory.instance.objectNode().put("id", "c").put("model", "gpt-4o");
      chunk.putArray("choices").addObject().put("index", 0).putObject("delta")
          .put("content", json.substring(i, Math.min(json.length(), i + 8)));
      sse.write(("data: " + chunk + "\n\n").getBytes(StandardCharsets.UTF_8));
    }
    ObjectNode end = JsonNodeFactory.instance.objectNode();
    end.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop").putObject("delta");
    sse.write(("data: " + end + "\n\ndata: [DONE]\n\n").getBytes(StandardCharsets.UTF_8));
    client = AiLibContender.builder("openai/gpt-4o")
        .transport(new MemoryTransport(sse.toByteArray(), reply.toString().getBytes(StandardCharsets.UTF_8)))
        .build();
    Order a = client.chat().user("order?").executeAs(Order.class).value();
    Order b = executeThenBind();
    if (!a.equals(b) || a.lines().size() != lines) {
      throw new IllegalStateException("the two ways read different orders: " + a + " / " + b);
    }
  }

  /** Closes the client. */
  @TearDown(Level.Trial)
  public void tearDown() {
    client.close();
  }

  /**
   * The typed answer.
   *
   * @return the order
   */
  @Benchmark
  public Order executeAs() {
    return client.chat().user("order?").executeAs(Order.class).value();
  }

  /**
   * The baseline: plain execute, then Jackson on the text.
   *
   * @return the order
   */
  @Benchmark
  public Order executeThenBind() {
    try {
      return BINDER.readValue(client.chat().user("order?").execute().content(), Order.class);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The typed answer streamed, a partial value after each fragment.
   *
   * @param bh takes the partial values
   */
  @Benchmark
  public void streamAs(Blackhole bh) {
    try (StructuredStream<Order> s = client.chat().user("order?").streamAs(Order.class)) {
      for (StructuredStream.Partial<Order> p : s) {
        bh.consume(p.value());
      }
    }
  }

  /**
   * The baseline: the same stream, its text bound once at the end.
   *
   * @param bh takes the order
   */
  @Benchmark
  public void streamThenBind(Blackhole bh) {
    StringBuilder text = new StringBuilder();
    try (ChatStream s = client.chat().user("order?").stream()) {
      for (StreamingEvent e : s) {
        if (e instanceof StreamingEvent.ContentDelta d) {
          text.append(d.text());
        }
      }
      bh.consume(BINDER.readValue(text.toString(), Order.class));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
