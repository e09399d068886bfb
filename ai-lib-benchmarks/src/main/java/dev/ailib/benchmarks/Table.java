package dev.ailib.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns the pooled figures into one Markdown table with ratios against the raw baseline, and the target checks. */
final class Table {
  static final List<String> COLUMNS = List.of("ai-lib", AiLibContender.HTTPCLIENT5, "raw", "openai-java",
      "langchain4j");

  private final BenchMain.Report r;
  private final Args args;
  private final StringBuilder out = new StringBuilder();
  private final List<String> targets = new ArrayList<>();

  Table(BenchMain.Report report, Args args) {
    this.r = report;
    this.args = args;
  }

  String render() {
    out.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, JDK ")
        .append(System.getProperty("java.version")).append(", heap -Xms=-Xmx=").append(args.text("--heap", "2g"))
        .append("; ").append(args.integer("--chunks", RecordedStreams.DEFAULT_CHUNKS))
        .append("-chunk OpenAI stream; loopback: ").append(args.integer("--forks", 3)).append(" JVM runs x ")
        .append(args.integer("--rounds", 4)).append(" interleaved rounds (")
        .append(args.integer("--streams", 3)).append(" streams of ")
        .append(args.integer("--chunks", RecordedStreams.DEFAULT_CHUNKS)).append(" chunks, ")
        .append(args.integer("--short-streams", 100)).append(" streams of ").append(args.integer("--short-chunks", 100))
        .append(" chunks and ").append(args.integer("--calls", 200))
        .append(" calls per contender per round), pooled; ratio = median over rounds of contender / raw in the same round "
            + "[min-max].\n\n");
    out.append("| figure | ai-lib (jdk) | ai-lib (httpclient5) | raw baseline | openai-java | langchain4j |\n"
        + "|---|---|---|---|---|---|\n");
    pipeline("DecodeMap", "Decode + map only (StreamPipeline), OpenAI", "OpenAI decode + map");
    pipeline("OpenAi", "Whole client in memory, OpenAI", "whole client in memory, OpenAI");
    pipeline("Anthropic", "Whole client in memory, Anthropic", "whole client in memory, Anthropic");
    streaming();
    shortStreams();
    calls();
    concurrency();
    out.append('\n');
    if (!targets.isEmpty()) {
      out.append("Targets (ai-lib):\n");
      targets.forEach(t -> out.append("- ").append(t).append('\n'));
      out.append('\n');
    }
    if (!r.unavailable.isEmpty()) {
      out.append("Not measured:\n");
      r.unavailable.forEach((k, why) -> out.append("- ").append(k.replace('\t', ' ')).append(": ").append(why)
          .append('\n'));
    }
    return out.toString();
  }

  private void pipeline(String suffix, String title, String label) {
    double[] base = r.jmh.get("baseline" + (suffix.equals("DecodeMap") ? "OpenAi" : suffix));
    double[] lib = r.jmh.get("ailib" + suffix);
    if (base == null && lib == null) {
      return;
    }
    row(title + " (JMH): chunks/s",
        lib == null ? "n/a" : num(lib[0]) + " ±" + pct(lib[1] / lib[0]) + (base == null ? "" : " (" + ratio(lib[0] / base[0]) + ")"),
        "(no transport)", base == null ? "n/a" : num(base[0]) + " ±" + pct(base[1] / base[0]) + " (1.00x)", "-", "-");
    row(title + " (JMH): bytes allocated per chunk (gc.alloc.rate.norm / chunks)",
        lib == null ? "n/a" : num(lib[2]), "(no transport)", base == null ? "n/a" : num(base[2]), "-", "-");
    if (lib != null && base != null) {
      double x = lib[0] / base[0];
      targets.add(String.format(Locale.ROOT, "%s throughput >= 1.0x baseline (JMH): %s (%s)", label,
          ratio(x), x >= 1.0 ? "met" : "missed by " + pct(1 - x)));
    }
    if (lib != null) {
      targets.add(String.format(Locale.ROOT, "%s <= 2 KB allocated per chunk (JMH): %s B (%s)", label, num(lib[2]),
          lib[2] <= 2048 ? "met" : "missed by " + num(lib[2] - 2048) + " B"));
    }
  }

  private void streaming() {
    Map<String, List<String[]>> by = group("stream");
    if (by.isEmpty()) {
      return;
    }
    Map<String, String> rate = new LinkedHashMap<>();
    Map<String, String> alloc = new LinkedHashMap<>();
    Map<String, String> cpu = new LinkedHashMap<>();
    for (String c : COLUMNS) {
      List<String[]> rows = by.get(c);
      if (rows == null) {
        rate.put(c, "n/a");
        alloc.put(c, "n/a");
        cpu.put(c, "n/a");
        continue;
      }
      double[] cps = rows.stream().mapToDouble(f -> chunks(f) / secs(f)).toArray();
      double[] bpc = rows.stream().mapToDouble(f -> Double.parseDouble(f[7]) / chunks(f)).toArray();
      double[] cpc = rows.stream().mapToDouble(f -> Double.parseDouble(f[8]) / 1000.0 / chunks(f)).toArray();
      double[] ratios = ratios(rows, by.get("raw"), f -> chunks(f) / secs(f));
      rate.put(c, num(median(cps)) + ratioText(ratios) + errors(rows));
      alloc.put(c, num(median(bpc)));
      cpu.put(c, String.format(Locale.ROOT, "%.2f", median(cpc)) + ratioText(ratios(rows, by.get("raw"),
          f -> Double.parseDouble(f[8]) / chunks(f))));
      if (c.startsWith("ai-lib")) {
        if (ratios.length > 0) {
          double x = median(ratios);
          targets.add(String.format(Locale.ROOT, "loopback streaming throughput >= 1.0x raw%s: %s (%s)", which(c),
              ratio(x), x >= 1.0 ? "met" : "missed by " + pct(1 - x)));
        }
        double b = median(bpc);
        targets.add(String.format(Locale.ROOT, "loopback streaming <= 2 KB allocated per chunk (all client threads)%s: "
            + "%s B (%s)", which(c), num(b), b <= 2048 ? "met" : "missed by " + num(b - 2048) + " B"));
      }
    }
    memory(by);
    row("Loopback streaming, OpenAI stream: chunks/s", rate);
    row("Loopback streaming: bytes allocated per chunk (all client threads)", alloc);
    row("Loopback streaming: client process CPU us per chunk", cpu);
    connections();
  }

  /** 100-chunk streams (the short-stream port): chunks/s and bytes per chunk, where per-stream costs weigh more. */
  private void shortStreams() {
    Map<String, List<String[]>> by = group("stream100");
    if (by.isEmpty()) {
      return;
    }
    Map<String, String> rate = new LinkedHashMap<>();
    Map<String, String> alloc = new LinkedHashMap<>();
    for (String c : COLUMNS) {
      List<String[]> rows = by.get(c);
      if (rows == null) {
        rate.put(c, "n/a");
        alloc.put(c, "n/a");
        continue;
      }
      double[] cps = rows.stream().mapToDouble(f -> chunks(f) / secs(f)).toArray();
      double[] bpc = rows.stream().mapToDouble(f -> Double.parseDouble(f[7]) / chunks(f)).toArray();
      double[] ratios = ratios(rows, by.get("raw"), f -> chunks(f) / secs(f));
      rate.put(c, num(median(cps)) + ratioText(ratios) + errors(rows));
      alloc.put(c, num(median(bpc)));
      if (c.startsWith("ai-lib") && ratios.length > 0) {
        double x = median(ratios);
        targets.add(String.format(Locale.ROOT, "loopback streaming throughput, %s-chunk streams, >= 1.0x raw%s: %s (%s)",
            rows.get(0)[5], which(c), ratio(x), x >= 1.0 ? "met" : "missed by " + pct(1 - x)));
      }
    }
    String n = by.values().iterator().next().get(0)[5];
    row("Loopback streaming, " + n + "-chunk streams: chunks/s", rate);
    row("Loopback streaming, " + n + "-chunk streams: bytes allocated per chunk (all client threads)", alloc);
  }

  /** New connections per stream in the measured rounds (after warm-up), counted by the server. */
  private void connections() {
    Map<String, List<String[]>> by = group("conn");
    if (by.isEmpty()) {
      return;
    }
    Map<String, String> cells = new LinkedHashMap<>();
    for (String c : COLUMNS) {
      List<String[]> rows = by.get(c);
      if (rows == null) {
        cells.put(c, "n/a");
        continue;
      }
      long streams = rows.stream().mapToLong(f -> Long.parseLong(f[4])).sum();
      long opened = rows.stream().mapToLong(f -> Long.parseLong(f[5])).sum();
      double perStream = streams == 0 ? Double.NaN : (double) opened / streams;
      cells.put(c, String.format(Locale.ROOT, "%.2f (%d for %d streams)", perStream, opened, streams));
      if (c.startsWith("ai-lib")) {
        targets.add(String.format(Locale.ROOT, "0 new connections per stream after warm-up%s: %.2f (%s)", which(c),
            perStream, opened == 0 ? "met" : "missed: " + opened + " for " + streams + " streams"));
      }
    }
    row("Loopback streaming: new connections per stream after warm-up (counted by the server)", cells);
  }

  /** How a target names the ai-lib column it is about: nothing for the jdk one, as before. */
  private static String which(String column) {
    return column.equals("ai-lib") ? "" : " (httpclient5)";
  }

  private void memory(Map<String, List<String[]>> by) {
    List<String[]> lib = by.get(MemoryContender.AILIB);
    List<String[]> raw = by.get(MemoryContender.RAW);
    if (lib == null && raw == null) {
      return;
    }
    java.util.function.ToDoubleFunction<String[]> cps = f -> chunks(f) / secs(f);
    String libCell = lib == null ? "n/a" : num(median(lib.stream().mapToDouble(cps).toArray()))
        + ratioText(ratios(lib, raw, cps)) + errors(lib);
    String rawCell = raw == null ? "n/a" : num(median(raw.stream().mapToDouble(cps).toArray())) + " (1.00x)"
        + errors(raw);
    row("Whole client in memory, OpenAI, in the interleaved load rounds: chunks/s", libCell, "(no transport)", rawCell,
        "-", "-");
    if (lib != null && raw != null) {
      double x = median(ratios(lib, raw, cps));
      targets.add(String.format(Locale.ROOT, "whole client in memory, OpenAI throughput >= 1.0x baseline (interleaved rounds): %s (%s)",
          ratio(x), x >= 1.0 ? "met" : "missed by " + pct(1 - x)));
    }
  }

  private void calls() {
    Map<String, List<String[]>> by = group("call");
    if (by.isEmpty()) {
      return;
    }
    Map<String, String> rate = new LinkedHashMap<>();
    Map<String, String> cpu = new LinkedHashMap<>();
    Map<String, String> alloc = new LinkedHashMap<>();
    for (String c : COLUMNS) {
      List<String[]> rows = by.get(c);
      if (rows == null) {
        rate.put(c, "n/a");
        cpu.put(c, "n/a");
        alloc.put(c, "n/a");
        continue;
      }
      double[] bytes = rows.stream().mapToDouble(f -> Double.parseDouble(f[7]) / Double.parseDouble(f[4])).toArray();
      alloc.put(c, num(median(bytes)) + ratioText(ratios(rows, by.get("raw"),
          f -> Double.parseDouble(f[7]) / Double.parseDouble(f[4]))));
      double[] cps = rows.stream().mapToDouble(f -> Double.parseDouble(f[4]) / secs(f)).toArray();
      double[] us = rows.stream().mapToDouble(f -> Double.parseDouble(f[8]) / 1000.0 / Double.parseDouble(f[4])).toArray();
      double[] cpuRatios = ratios(rows, by.get("raw"), f -> Double.parseDouble(f[8]) / Double.parseDouble(f[4]));
      rate.put(c, num(median(cps)) + ratioText(ratios(rows, by.get("raw"), f -> Double.parseDouble(f[4]) / secs(f)))
          + errors(rows));
      cpu.put(c, num(median(us)) + ratioText(cpuRatios));
      if (c.startsWith("ai-lib") && cpuRatios.length > 0) {
        double x = median(cpuRatios);
        targets.add(String.format(Locale.ROOT, "per-call CPU <= 1.0x raw%s: %s (%s)", which(c), ratio(x),
            x <= 1.0 ? "met" : "missed by " + pct(x - 1.0)));
        double[] rateRatios = ratios(rows, by.get("raw"), f -> Double.parseDouble(f[4]) / secs(f));
        if (rateRatios.length > 0) {
          double y = median(rateRatios);
          targets.add(String.format(Locale.ROOT, "non-streaming calls/s >= 1.0x raw%s: %s (%s)", which(c), ratio(y),
              y >= 1.0 ? "met" : "missed by " + pct(1 - y)));
        }
      }
    }
    row("Non-streaming calls (" + args.integer("--reply-chunks", 200) + "-token reply): calls/s", rate);
    row("Non-streaming calls: client process CPU us per call", cpu);
    row("Non-streaming calls: bytes allocated per call (all client threads)", alloc);
  }

  private void concurrency() {
    Map<String, String[]> by = new LinkedHashMap<>();
    for (String[] f : r.rows) {
      if (f[0].equals("concurrency")) {
        by.put(f[1].startsWith(AiLibContender.HTTPCLIENT5) ? AiLibContender.HTTPCLIENT5
            : f[1].startsWith("ai-lib") ? "ai-lib" : "raw", f);
      }
    }
    if (by.isEmpty()) {
      return;
    }
    int n = args.integer("--concurrency", 1000);
    Map<String, String> heap = new LinkedHashMap<>();
    Map<String, String> threads = new LinkedHashMap<>();
    Map<String, String> done = new LinkedHashMap<>();
    for (String c : COLUMNS) {
      String[] f = by.get(c);
      if (f == null) {
        String na = c.startsWith("ai-lib") || c.equals("raw") ? "n/a" : "-";
        heap.put(c, na);
        threads.put(c, na);
        done.put(c, na);
        continue;
      }
      double peak = Double.parseDouble(f[6]) / 1048576.0;
      double idle = Double.parseDouble(f[5]) / 1048576.0;
      heap.put(c, String.format(Locale.ROOT, "%.0f MB (idle %.0f MB)", peak, idle));
      threads.put(c, f[8] + " (idle " + f[7] + ")");
      done.put(c, f[4] + " / " + f[3] + " of " + f[2] + " in " + f[9] + " s, " + f[1]
          + (f[10].isEmpty() ? "" : "; " + f[10]));
      if (c.startsWith("ai-lib")) {
        targets.add(String.format(Locale.ROOT, "%,d concurrent push streams within 128 MB heap after GC%s: %.0f MB (%s)",
            n, which(c), peak, peak <= 128 ? "met" : "missed by " + String.format(Locale.ROOT, "%.0f MB", peak - 128)));
        int live = Integer.parseInt(f[8]);
        targets.add(String.format(Locale.ROOT, "%,d concurrent push streams on <= 64 live threads%s: %d (%s)", n,
            which(c), live, live <= 64 ? "met" : "missed by " + (live - 64)));
        boolean allOk = f[3].equals(f[2]) && f[10].isEmpty();
        targets.add(String.format(Locale.ROOT, "%,d concurrent push streams, every text checked%s: %s of %s right (%s)",
            n, which(c), f[3], f[2], allOk ? "met" : "missed"));
      }
    }
    String label = String.format(Locale.ROOT, "%,d concurrent push streams (raw: sendAsync): ", n);
    row(label + "heap used after GC at peak", heap);
    row(label + "live threads at peak", threads);
    row(label + "open at once / finished with the right text", done);
  }

  private Map<String, List<String[]>> group(String kind) {
    Map<String, List<String[]>> by = new LinkedHashMap<>();
    for (String[] f : r.rows) {
      if (f[0].equals(kind)) {
        by.computeIfAbsent(f[3], k -> new ArrayList<>()).add(f);
      }
    }
    return by;
  }

  private static double[] ratios(List<String[]> rows, List<String[]> raw, java.util.function.ToDoubleFunction<String[]> v) {
    if (raw == null) {
      return new double[0];
    }
    List<Double> out = new ArrayList<>();
    for (String[] f : rows) {
      for (String[] b : raw) {
        if (b[1].equals(f[1]) && b[2].equals(f[2])) {
          out.add(v.applyAsDouble(f) / v.applyAsDouble(b));
        }
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static String ratioText(double[] ratios) {
    if (ratios.length == 0) {
      return "";
    }
    double[] s = ratios.clone();
    Arrays.sort(s);
    return " (" + ratio(median(s)) + " [" + String.format(Locale.ROOT, "%.2f-%.2f", s[0], s[s.length - 1]) + "])";
  }

  private static String errors(List<String[]> rows) {
    long bad = rows.stream().filter(f -> !f[9].isEmpty()).count();
    return bad == 0 ? "" : " **" + bad + " rounds failed: " + rows.stream().filter(f -> !f[9].isEmpty()).findFirst()
        .map(f -> f[9]).orElse("") + "**";
  }

  private static double chunks(String[] f) {
    return Double.parseDouble(f[4]) * Double.parseDouble(f[5]);
  }

  private static double secs(String[] f) {
    return Double.parseDouble(f[6]) / 1e9;
  }

  static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  private void row(String label, Map<String, String> cells) {
    row(label, cells.get("ai-lib"), cells.get(AiLibContender.HTTPCLIENT5), cells.get("raw"), cells.get("openai-java"),
        cells.get("langchain4j"));
  }

  private void row(String label, String... cells) {
    out.append("| ").append(label);
    for (String c : cells) {
      out.append(" | ").append(c == null ? "n/a" : c);
    }
    out.append(" |\n");
  }

  static String num(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%,.0f", v);
  }

  static String ratio(double v) {
    return String.format(Locale.ROOT, "%.2fx", v);
  }

  static String pct(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.0f%%", v * 100);
  }
}
