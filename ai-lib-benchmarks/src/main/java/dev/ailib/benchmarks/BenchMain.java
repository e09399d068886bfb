package dev.ailib.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark and prints one table: the JMH pipeline benchmarks (ai-lib beside the baseline), then the
 * loopback server in its own JVM, several load-driver JVMs (fixed heap, interleaved rounds), and the concurrency
 * probes; figures are pooled over all rounds of all runs and each ratio is taken against the raw baseline of the
 * same round. Used by {@code bench/run}.
 */
public final class BenchMain {
  private BenchMain() {
  }

  /**
   * Runs it all.
   *
   * @param args {@code --forks N --rounds N --streams N --short-streams N --calls N --jmh-forks N --concurrency N
   *     --heap SIZE --out DIR --skip-jmh true --skip-load true --skip-embeddings true --embedding-texts N} (and more,
   *     see docs/benchmarks.md)
   * @throws Exception when a run cannot be started
   */
  public static void main(String[] args) throws Exception {
    Args a = new Args(args);
    Path out = Path.of(a.text("--out", "ai-lib-benchmarks/target/bench"));
    Files.createDirectories(out);
    Report report = new Report();
    String heap = a.text("--heap", "2g");
    long t0 = System.nanoTime();

    if (!a.text("--skip-jmh", "false").equals("true")) {
      log("JMH pipeline benchmarks (" + a.integer("--jmh-forks", 2) + " forks each; log in " + out.resolve("jmh.log")
          + ")");
      runJmh(a, out, report, heap);
    }
    if (!a.text("--skip-load", "false").equals("true")) {
      runLoad(a, out, report, heap);
    }
    String embeddings = "";
    if (!a.text("--skip-embeddings", "false").equals("true")) {
      log("embeddings: " + a.integer("--embedding-texts", 10_000) + " texts, ai-lib beside the raw JDK client");
      Process p = java(heap, EmbeddingsBench.class, List.of("--texts",
          Integer.toString(a.integer("--embedding-texts", 10_000)), "--rounds", Integer.toString(a.integer("--rounds", 4)
              + 1), "--out", out.toString()), out.resolve("embeddings.log"), true);
      finish(p, 900, "embeddings benchmark");
      embeddings = "\n" + Files.readString(out.resolve("embeddings.md"), StandardCharsets.UTF_8);
    }
    String table = report.render(a) + embeddings;
    System.out.println();
    System.out.println(table);
    Files.writeString(out.resolve("table.md"), table, StandardCharsets.UTF_8);
    log(String.format("done in %.0f s; table also in %s", (System.nanoTime() - t0) / 1e9, out.resolve("table.md")));
  }

  static void log(String s) {
    System.err.println("[bench] " + s);
  }

  private static void runJmh(Args a, Path out, Report report, String heap) throws RunnerException {
    String problem = AiLibProbe.inMemoryProblem();
    ChainedOptionsBuilder o = new OptionsBuilder()
        .forks(a.integer("--jmh-forks", 2))
        .jvmArgs(jmhJvmArgs(heap))
        .addProfiler(GCProfiler.class)
        .output(out.resolve("jmh.log").toString())
        .resultFormat(org.openjdk.jmh.results.format.ResultFormatType.JSON)
        .result(out.resolve("jmh.json").toString())
        .param("chunks", Integer.toString(a.integer("--chunks", RecordedStreams.DEFAULT_CHUNKS)));
    if (a.integer("--jmh-iterations", 0) > 0) {
      o.warmupIterations(a.integer("--jmh-iterations", 0)).measurementIterations(a.integer("--jmh-iterations", 0))
          .warmupTime(TimeValue.seconds(1)).measurementTime(TimeValue.seconds(1));
    }
    o.include(DecodeMapBenchmark.class.getName() + "\\.");
    if (problem == null) {
      o.include(PipelineBenchmark.class.getName() + "\\.");
    } else {
      report.unavailable("pipeline", "ai-lib", problem);
      o.include(PipelineBenchmark.class.getName() + "\\.baseline");
    }
    Collection<RunResult> results = new Runner(o.build()).run();
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark();
      name = name.substring(name.lastIndexOf('.') + 1);
      Result<?> primary = r.getPrimaryResult();
      Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
      report.jmh(name, primary.getScore(), primary.getScoreError(), alloc == null ? Double.NaN : alloc.getScore(),
          Integer.parseInt(r.getParams().getParam("chunks")));
    }
    for (String b : List.of("ailibDecodeMap", "baselineOpenAi", "ailibOpenAi",
        "baselineAnthropic", "ailibAnthropic")) {
      if (!report.hasJmh(b) && (problem == null || b.startsWith("baseline") || b.endsWith("DecodeMap"))) {
        report.unavailable("pipeline", b.startsWith("ailib") ? "ai-lib" : "raw",
            "JMH benchmark " + b + " failed; see " + out.resolve("jmh.log"));
      }
    }
  }

  private static String[] jmhJvmArgs(String heap) {
    String dir = System.getProperty("bench.protocolDir");
    return dir == null ? new String[] {"-Xms" + heap, "-Xmx" + heap}
        : new String[] {"-Xms" + heap, "-Xmx" + heap, "-Dbench.protocolDir=" + dir};
  }

  private static void runLoad(Args a, Path out, Report report, String heap) throws IOException,
      InterruptedException {
    int chunks = a.integer("--chunks", RecordedStreams.DEFAULT_CHUNKS);
    int dripChunks = a.integer("--drip-chunks", 100);
    int shortChunks = a.integer("--short-chunks", 100);
    Process server = java("512m", LoopbackServer.class, List.of("--chunks", Integer.toString(chunks),
        "--reply-chunks", Integer.toString(a.integer("--reply-chunks", 200)), "--drip-chunks",
        Integer.toString(dripChunks), "--drip-pause-ms", Integer.toString(a.integer("--drip-pause-ms", 100)),
        "--short-chunks", Integer.toString(shortChunks)), out.resolve("server.log"), false);
    try {
      BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      String first = lines.readLine();
      if (first == null || !first.startsWith("LOOPBACK ")) {
        throw new IllegalStateException("loopback server did not start: " + first + "; see " + out.resolve("server.log"));
      }
      String[] ports = first.split(" ");
      log("loopback server on 127.0.0.1 ports " + ports[1] + " (fast), " + ports[2] + " (drip) and " + ports[3]
          + " (short streams)");
      int forks = a.integer("--forks", 3);
      for (int f = 1; f <= forks; f++) {
        log("load run " + f + "/" + forks + " (-Xms" + heap + " -Xmx" + heap + ", " + a.integer("--rounds", 4)
            + " interleaved rounds)");
        Path tsv = out.resolve("load-" + f + ".tsv");
        Process p = java(heap, LoadDriver.class, List.of("--port", ports[1], "--short-port", ports[3],
            "--fork", Integer.toString(f), "--rounds", Integer.toString(a.integer("--rounds", 4)),
            "--streams", Integer.toString(a.integer("--streams", 3)),
            "--short-streams", Integer.toString(a.integer("--short-streams", 100)),
            "--short-chunks", Integer.toString(shortChunks),
            "--calls", Integer.toString(a.integer("--calls", 200)), "--chunks", Integer.toString(chunks),
            "--reply-chunks", Integer.toString(a.integer("--reply-chunks", 200)),
            "--warmup-streams", Integer.toString(a.integer("--warmup-streams", 2)),
            "--warmup-calls", Integer.toString(a.integer("--warmup-calls", 500)), "--out", tsv.toString()),
            out.resolve("load-" + f + ".log"), true);
        finish(p, 600, "load run " + f);
        report.load(Files.readAllLines(tsv, StandardCharsets.UTF_8));
      }
      int n = a.integer("--concurrency", 1000);
      for (String mode : n > 0 ? List.of("raw", "ai-lib", "httpclient5") : List.<String>of()) {
        log(n + " concurrent streams through " + mode + " (-Xms" + heap + " -Xmx" + heap + ")");
        Path tsv = out.resolve("concurrency-" + mode + ".tsv");
        Process p = java(heap, ConcurrencyProbe.class, List.of("--port", ports[2], "--mode", mode, "--streams",
            Integer.toString(n), "--drip-chunks", Integer.toString(dripChunks), "--out", tsv.toString()),
            out.resolve("concurrency-" + mode + ".log"), true);
        finish(p, 400, "concurrency probe " + mode);
        report.load(Files.readAllLines(tsv, StandardCharsets.UTF_8));
      }
    } finally {
      server.getOutputStream().close();
      if (!server.waitFor(5, TimeUnit.SECONDS)) {
        server.destroy();
        server.waitFor(5, TimeUnit.SECONDS);
      }
    }
  }

  private static void finish(Process p, int seconds, String what) throws InterruptedException {
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
      throw new IllegalStateException(what + " did not finish in " + seconds + " s");
    }
  }

  private static Process java(String heap, Class<?> main, List<String> args, Path log, boolean closeInput)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xms" + heap);
    cmd.add("-Xmx" + heap);
    // without it the JDK server's separate header and body writes meet delayed ACKs: 40 ms per small reply
    cmd.add("-Dsun.net.httpserver.nodelay=true");
    // the server keeps idle connections (default: closed after 30 s), so new connections per stream are the client's
    cmd.add("-Dsun.net.httpserver.idleInterval=3600");
    String dir = System.getProperty("bench.protocolDir");
    if (dir != null) {
      cmd.add("-Dbench.protocolDir=" + dir);
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(main.getName());
    cmd.addAll(args);
    ProcessBuilder b = new ProcessBuilder(cmd).redirectError(log.toFile());
    if (closeInput) {
      b.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      b.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    }
    Process p = b.start();
    CHILDREN.add(p);
    return p;
  }

  /** Child JVMs still running when this one is stopped (Ctrl-C) are ended with it. */
  private static final List<Process> CHILDREN = new java.util.concurrent.CopyOnWriteArrayList<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> CHILDREN.forEach(Process::destroy), "bench-children"));
  }

  /** Collected figures, pooled. */
  static final class Report {
    final Map<String, double[]> jmh = new LinkedHashMap<>();
    final Map<String, String> unavailable = new LinkedHashMap<>();
    final List<String[]> rows = new ArrayList<>();

    void jmh(String benchmark, double opsPerSec, double error, double bytesPerOp, int chunks) {
      jmh.put(benchmark, new double[] {opsPerSec * chunks, error * chunks, bytesPerOp / chunks});
    }

    boolean hasJmh(String benchmark) {
      return jmh.containsKey(benchmark);
    }

    void unavailable(String kind, String who, String why) {
      unavailable.putIfAbsent(kind + "\t" + who, why);
    }

    void load(List<String> lines) {
      for (String line : lines) {
        String[] f = line.split("\t", -1);
        if (f[0].equals("unavailable")) {
          unavailable(f[1], f[2], f.length > 3 ? f[3] : "");
        } else {
          rows.add(f);
        }
      }
    }

    String render(Args a) {
      return new Table(this, a).render();
    }
  }
}
