package dev.ailib.benchmarks;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One JVM run of the loopback load test. For each contender (ai-lib, raw, openai-java, langchain4j): a warm-up
 * that also checks every streamed and non-streamed text against the recorded one, then interleaved rounds (the
 * order rotates each round) of sequential streams (chunks/s, bytes allocated per chunk), sequential short streams
 * (100 chunks each, on the server's short-stream port) and sequential non-streaming calls (calls/s, bytes allocated and process CPU per call), with the connections each contender's
 * streams opened (counted by the server). Results go to a TSV file read by {@link BenchMain}.
 */
public final class LoadDriver {
  private LoadDriver() {
  }

  /**
   * Runs the rounds.
   *
   * @param args {@code --port N --short-port N --fork N --rounds N --streams N --short-streams N --calls N
   *     --warmup-streams N --warmup-calls N --chunks N --short-chunks N --reply-chunks N --out FILE}
   * @throws IOException when the result file cannot be written
   */
  public static void main(String[] args) throws IOException {
    Args a = new Args(args);
    String base = "http://127.0.0.1:" + a.required("--port") + "/v1";
    int fork = a.integer("--fork", 1);
    int rounds = a.integer("--rounds", 5);
    int streams = a.integer("--streams", 3);
    int calls = a.integer("--calls", 200);
    String expectedStream = RecordedStreams.of(a.integer("--chunks", RecordedStreams.DEFAULT_CHUNKS)).text();
    String expectedReply = RecordedStreams.of(a.integer("--reply-chunks", 200)).text();
    int chunks = a.integer("--chunks", RecordedStreams.DEFAULT_CHUNKS);
    Path out = Path.of(a.required("--out"));
    String shortBase = a.text("--short-port", "").isEmpty() ? null : "http://127.0.0.1:" + a.required("--short-port")
        + "/v1";
    int shortStreams = a.integer("--short-streams", 100);
    int shortChunks = a.integer("--short-chunks", 100);
    String expectedShort = RecordedStreams.of(shortChunks).text();

    Map<String, Function<String, Contender>> factories = new LinkedHashMap<>();
    factories.put("ai-lib", AiLibContender::new);
    factories.put(AiLibContender.HTTPCLIENT5, b -> new AiLibContender(b, "httpclient5"));
    factories.put("raw", RawContender::new);
    factories.put("openai-java", OpenAiJavaContender::new);
    factories.put("langchain4j", LangChain4jContender::new);
    // the pipeline without the network, in the same interleaved rounds: ratios robust to a busy machine
    RecordedStreams recorded = RecordedStreams.of(a.integer("--chunks", RecordedStreams.DEFAULT_CHUNKS));
    byte[] sse = recorded.openAiSse();
    factories.put(MemoryContender.AILIB, base2 -> new MemoryContender(MemoryContender.AILIB,
        AiLibContender.inMemory("openai/gpt-4o", sse, RecordedStreams.of(16).openAiJson()), sse));
    factories.put(MemoryContender.RAW, base2 -> new MemoryContender(MemoryContender.RAW, null, sse));

    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
      List<Contender> streaming = new ArrayList<>();
      List<Contender> calling = new ArrayList<>();
      List<Contender> shortStreaming = new ArrayList<>();
      for (Map.Entry<String, Function<String, Contender>> f : factories.entrySet()) {
        Contender c;
        try {
          c = f.getValue().apply(base);
        } catch (RuntimeException | LinkageError e) {
          unavailable(w, f.getKey(), "stream", e);
          unavailable(w, f.getKey(), "call", e);
          continue;
        }
        String why = warmStreams(c, a.integer("--warmup-streams", 3), expectedStream);
        if (why == null) {
          streaming.add(c);
        } else {
          w.println("unavailable\tstream\t" + c.name() + "\t" + why);
        }
        if (c.makesCalls()) {
          why = warmCalls(c, a.integer("--warmup-calls", 300), expectedReply);
          if (why == null) {
            calling.add(c);
          } else {
            w.println("unavailable\tcall\t" + c.name() + "\t" + why);
          }
        }
        w.flush();
      }
      // the same contenders on the short-stream port: 100-chunk streams, where per-stream costs weigh more
      if (shortBase != null && shortStreams > 0) {
        for (Map.Entry<String, Function<String, Contender>> f : factories.entrySet()) {
          if (f.getKey().endsWith("(memory)")) {
            continue;
          }
          Contender c;
          try {
            c = f.getValue().apply(shortBase);
          } catch (RuntimeException | LinkageError e) {
            unavailable(w, f.getKey(), "stream100", e);
            continue;
          }
          String why = warmStreams(c, Math.max(20, shortStreams / 5), expectedShort);
          if (why == null) {
            shortStreaming.add(c);
          } else {
            w.println("unavailable\tstream100\t" + c.name() + "\t" + why);
            c.close();
          }
        }
        w.flush();
      }
      for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < streaming.size(); i++) {
          Contender c = streaming.get((i + r) % streaming.size());
          long connections = LoopbackServer.connectionsSeen(base);
          measureStreams(w, "stream", fork, r, c, streams, chunks, expectedStream);
          if (connections >= 0 && !c.name().endsWith("(memory)")) {
            long now = LoopbackServer.connectionsSeen(base);
            w.println(String.join("\t", "conn", Integer.toString(fork), Integer.toString(r), c.name(),
                Integer.toString(streams), Long.toString(now - connections)));
          }
        }
        for (int i = 0; i < shortStreaming.size(); i++) {
          Contender c = shortStreaming.get((i + r) % shortStreaming.size());
          measureStreams(w, "stream100", fork, r, c, shortStreams, shortChunks, expectedShort);
        }
        for (int i = 0; i < calling.size(); i++) {
          Contender c = calling.get((i + r) % calling.size());
          measureCalls(w, fork, r, c, calls, expectedReply);
        }
        w.flush();
        System.err.printf("  fork %d: round %d/%d done%n", fork, r + 1, rounds);
      }
      for (Contender c : factories.isEmpty() ? List.<Contender>of() : union(streaming, calling)) {
        c.close();
      }
      for (Contender c : shortStreaming) {
        c.close();
      }
    }
    System.exit(0); // pooled client threads (OkHttp, HttpClient) must not keep this run alive
  }

  private static List<Contender> union(List<Contender> a, List<Contender> b) {
    List<Contender> all = new ArrayList<>(a);
    for (Contender c : b) {
      if (!all.contains(c)) {
        all.add(c);
      }
    }
    return all;
  }

  private static void unavailable(PrintWriter w, String name, String kind, Throwable e) {
    w.println("unavailable\t" + kind + "\t" + name + "\t" + reason(e));
  }

  static String reason(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String msg = root.getClass().getSimpleName() + ": " + root.getMessage();
    return msg.replace('\t', ' ').replace('\n', ' ');
  }

  private static String warmStreams(Contender c, int n, String expected) {
    try {
      for (int i = 0; i < n; i++) {
        StringBuilder text = new StringBuilder(expected.length());
        c.stream(text::append);
        String diff = Texts.difference(expected, text.toString());
        if (diff != null) {
          return "streamed text differs: " + diff;
        }
      }
      return null;
    } catch (Exception | LinkageError e) {
      return reason(e);
    }
  }

  private static String warmCalls(Contender c, int n, String expected) {
    try {
      for (int i = 0; i < n; i++) {
        String diff = Texts.difference(expected, c.call());
        if (diff != null) {
          return "reply text differs: " + diff;
        }
      }
      return null;
    } catch (Exception | LinkageError e) {
      return reason(e);
    }
  }

  private static void measureStreams(PrintWriter w, String kind, int fork, int round, Contender c, int n, int chunks,
      String expected) {
    String error = "";
    Meter.AllocationTracker alloc = new Meter.AllocationTracker();
    long cpu = Meter.processCpuNanos();
    long start = System.nanoTime();
    try {
      for (int i = 0; i < n; i++) {
        StringBuilder text = new StringBuilder(expected.length());
        c.stream(text::append);
        String diff = Texts.difference(expected, text.toString());
        if (diff != null) {
          error = "streamed text differs: " + diff;
          break;
        }
      }
    } catch (Exception e) {
      error = reason(e);
    }
    long nanos = System.nanoTime() - start;
    long cpuNanos = Meter.processCpuNanos() - cpu;
    long bytes = alloc.stop();
    w.println(String.join("\t", kind, Integer.toString(fork), Integer.toString(round), c.name(),
        Integer.toString(n), Integer.toString(chunks), Long.toString(nanos), Long.toString(bytes),
        Long.toString(cpuNanos), error));
  }

  private static void measureCalls(PrintWriter w, int fork, int round, Contender c, int n, String expected) {
    String error = "";
    Meter.AllocationTracker alloc = new Meter.AllocationTracker();
    long cpu = Meter.processCpuNanos();
    long start = System.nanoTime();
    try {
      for (int i = 0; i < n; i++) {
        String diff = Texts.difference(expected, c.call());
        if (diff != null) {
          error = "reply text differs: " + diff;
          break;
        }
      }
    } catch (Exception e) {
      error = reason(e);
    }
    long nanos = System.nanoTime() - start;
    long cpuNanos = Meter.processCpuNanos() - cpu;
    long bytes = alloc.stop();
    w.println(String.join("\t", "call", Integer.toString(fork), Integer.toString(round), c.name(),
        Integer.toString(n), "0", Long.toString(nanos), Long.toString(bytes), Long.toString(cpuNanos), error));
  }
}
