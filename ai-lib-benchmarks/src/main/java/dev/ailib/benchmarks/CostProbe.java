package dev.ailib.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The figures of {@link CostBenchmark} and {@link TokenCountBenchmark} measured in interleaved rounds in one JVM, as
 * the caller thread's CPU time and allocated bytes per operation (JMH's throughput on a machine shared with other
 * builds varies more between runs than the effects measured here). Each round runs every contender of a group for
 * the same number of operations, the order rotating from round to round; each figure is divided by its group's
 * baseline <b>in the same round</b>, and the median (min-max) over rounds is printed. Run: {@code java -cp
 * "ai-lib-benchmarks/target/classes:ai-lib-benchmarks/target/lib/*" dev.ailib.benchmarks.CostProbe [rounds] [ops]}.
 */
public final class CostProbe {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private CostProbe() {
  }

  /**
   * Runs the probe.
   *
   * @param args rounds (default 8) and operations per contender per round (default 5,000)
   */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    int ops = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
    for (int chars : new int[] {20, 20_000}) {
      CostBenchmark b = new CostBenchmark();
      b.promptChars = chars;
      b.setUp();
      Map<String, Supplier<Object>> group = new LinkedHashMap<>();
      group.put("unpriced (baseline)", b::unpriced);
      group.put("priced", b::priced);
      group.put("priced + 2 budgets + spend listener", b::pricedWithBudgets);
      run("call, " + chars + "-char prompt", group, rounds, chars > 1_000 ? ops / 10 : ops);
      b.tearDown();
    }
    for (int chars : new int[] {200, 20_000}) {
      TokenCountBenchmark t = new TokenCountBenchmark();
      t.chars = chars;
      t.setUp();
      Map<String, Supplier<Object>> group = new LinkedHashMap<>();
      group.put("jtokkit countTokensOrdinary (baseline)", t::jtokkit);
      group.put("client countTokens (TOKENIZER)", t::countTokens);
      run("token count, " + chars + " chars", group, rounds, chars > 1_000 ? ops / 50 : ops);
      t.tearDown();
    }
  }

  private static void run(String title, Map<String, Supplier<Object>> group, int rounds, int ops) {
    List<String> names = new ArrayList<>(group.keySet());
    for (Supplier<Object> s : group.values()) { // warm-up
      measure(s, ops * 4);
    }
    double[][] cpu = new double[names.size()][rounds];
    double[][] alloc = new double[names.size()][rounds];
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < names.size(); k++) {
        int i = (k + r) % names.size();
        double[] m = measure(group.get(names.get(i)), ops);
        cpu[i][r] = m[0];
        alloc[i][r] = m[1];
      }
    }
    System.out.println("## " + title + " (" + rounds + " rounds x " + ops + " ops per contender)");
    for (int i = 0; i < names.size(); i++) {
      double[] cpuRatio = new double[rounds];
      double[] allocRatio = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        cpuRatio[r] = cpu[i][r] / cpu[0][r];
        allocRatio[r] = alloc[i][r] / alloc[0][r];
      }
      System.out.printf("| %s | %.2f us CPU/op (%.2fx [%.2f-%.2f]) | %,.0f B/op (%.3fx [%.3f-%.3f]) |%n", names.get(i),
          median(cpu[i]) / 1_000, median(cpuRatio), min(cpuRatio), max(cpuRatio), median(alloc[i]),
          median(allocRatio), min(allocRatio), max(allocRatio));
    }
  }

  /** CPU nanoseconds and bytes allocated per operation on this thread. */
  private static double[] measure(Supplier<Object> op, int ops) {
    long t = Thread.currentThread().getId();
    long cpu0 = THREADS.getCurrentThreadCpuTime();
    long alloc0 = THREADS.getThreadAllocatedBytes(t);
    Object sink = null;
    for (int i = 0; i < ops; i++) {
      sink = op.get();
    }
    long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
    long alloc = THREADS.getThreadAllocatedBytes(t) - alloc0;
    if (sink == null) {
      throw new IllegalStateException("no result");
    }
    return new double[] {(double) cpu / ops, (double) alloc / ops};
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static double min(double[] v) {
    return Arrays.stream(v).min().orElseThrow();
  }

  private static double max(double[] v) {
    return Arrays.stream(v).max().orElseThrow();
  }
}
