package dev.ailib.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ailib.api.AiClient;
import dev.ailib.api.AiClientBuilder;
import dev.ailib.api.ChatStream;
import dev.ailib.api.StreamHandler;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.error.AiLibException;
import dev.ailib.core.spi.transport.TransportConfig;
import dev.ailib.transport.httpclient5.HttpClient5TransportProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many concurrent streams in one JVM (its own run, fixed heap): starts N streams against the drip port (each
 * frame after a pause, so all stay open together), waits until every stream has delivered its first piece of
 * text, then records heap in use after a full GC and live threads; the thread count is also sampled throughout
 * for its peak. Every stream's text is checked. Modes: {@code ai-lib} and {@code httpclient5} (the push form,
 * {@code stream(handler)}, on the jdk or the httpclient5 transport: a non-blocking exchange per stream, its events
 * handed to the handler by short tasks on the client's threads) and {@code raw} ({@code HttpClient.sendAsync} with
 * a line subscriber, no thread per stream).
 */
public final class ConcurrencyProbe {
  private final int streams;
  private final String expected;
  private final CountDownLatch firstPiece;
  private final CountDownLatch finished;
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger ok = new AtomicInteger();
  private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

  private ConcurrencyProbe(int streams, String expected) {
    this.streams = streams;
    this.expected = expected;
    this.firstPiece = new CountDownLatch(streams);
    this.finished = new CountDownLatch(streams);
  }

  /**
   * Runs one probe.
   *
   * @param args {@code --port N --mode ai-lib|httpclient5|raw --streams N --drip-chunks N --out FILE}
   * @throws Exception when the probe cannot run
   */
  public static void main(String[] args) throws Exception {
    Args a = new Args(args);
    String base = "http://127.0.0.1:" + a.required("--port") + "/v1";
    String mode = a.text("--mode", "ai-lib");
    int n = a.integer("--streams", 1000);
    String expected = RecordedStreams.of(a.integer("--drip-chunks", 100)).text();
    ConcurrencyProbe probe = new ConcurrencyProbe(n, expected);
    String line;
    try {
      line = mode.equals("raw") ? probe.runRaw(base) : probe.runAiLib(base, mode.equals("httpclient5") ? "httpclient5"
          : "jdk");
    } catch (Exception | LinkageError e) {
      line = "unavailable\tconcurrency\t" + mode + "\t" + LoadDriver.reason(e);
    }
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(Path.of(a.required("--out")),
        StandardCharsets.UTF_8))) {
      w.println(line);
    }
    System.exit(0);
  }

  private String runAiLib(String base, String transport) throws InterruptedException {
    AiClientBuilder builder = AiLibContender.builder("openai/gpt-4o").baseUrl(base);
    if (transport.equals("httpclient5")) {
      // HttpClient 5 pools connections (256 by default); a stream holds one for its whole length, so 1,000 open at
      // once need a pool of 1,000 (what an application streaming that much would set), else the rest wait for one
      builder.transport(new HttpClient5TransportProvider().create(TransportConfig.builder()
          .maxConnections(streams + 16).build()));
    } else {
      builder.transport(transport);
    }
    try (AiClient client = builder.build()) {
      for (int i = 0; i < 3; i++) { // warm-up and check
        StringBuilder text = new StringBuilder();
        try (ChatStream s = client.chat().user(Contender.PROMPT).stream()) {
          AiLibContender.drain(s, text::append);
        }
        Texts.requireSame("ai-lib drip stream", expected, text.toString());
      }
      reset();
      return measure((transport.equals("jdk") ? "ai-lib" : AiLibContender.HTTPCLIENT5) + " (push form, Java "
          + Runtime.version().feature() + ")", () -> {
        for (int i = 0; i < streams; i++) {
          client.chat().user(Contender.PROMPT).stream(new Probe());
        }
      });
    }
  }

  private String runRaw(String base) throws InterruptedException, IOException {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/chat/completions"))
        .header("Content-Type", "application/json").header("Authorization", "Bearer sk-bench-not-a-secret")
        .POST(HttpRequest.BodyPublishers.ofString(RawContender.BODY_STREAM)).build();
    for (int i = 0; i < 3; i++) {
      StringBuilder text = new StringBuilder();
      new RawBaseline().openAi(http.send(request, HttpResponse.BodyHandlers.ofInputStream()).body(), text::append);
      Texts.requireSame("raw drip stream", expected, text.toString());
    }
    reset();
    return measure("raw (sendAsync + line subscriber)", () -> {
      for (int i = 0; i < streams; i++) {
        Probe p = new Probe();
        http.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(new Lines(p)))
            .whenComplete((r, e) -> {
              if (e != null) {
                p.fail(LoadDriver.reason(e));
              }
            });
      }
    });
  }

  private void reset() {
    open.set(0);
    ok.set(0);
    failures.clear();
  }

  private String measure(String label, Runnable start) throws InterruptedException {
    long idleHeap = Meter.heapAfterGc();
    int idleThreads = Meter.liveThreads();
    AtomicInteger peakThreads = new AtomicInteger(idleThreads);
    Thread sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        peakThreads.accumulateAndGet(Meter.liveThreads() - 1, Math::max);
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "thread-sampler");
    sampler.setDaemon(true);
    sampler.start();
    long t0 = System.nanoTime();
    start.run();
    boolean allStarted = firstPiece.await(120, TimeUnit.SECONDS);
    int openAtPeak = open.get();
    long peakHeap = Meter.heapAfterGc();
    int threadsAtPeak = Meter.liveThreads() - 1;
    boolean allDone = finished.await(180, TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - t0) / 1e9;
    sampler.interrupt();
    String failure = failures.isEmpty() ? (allStarted && allDone ? "" : "timed out waiting for streams")
        : failures.size() + " failed, first: " + failures.peek();
    return String.join("\t", "concurrency", label, Integer.toString(streams), Integer.toString(ok.get()),
        Integer.toString(openAtPeak), Long.toString(idleHeap), Long.toString(peakHeap), Integer.toString(idleThreads),
        Integer.toString(Math.max(peakThreads.get(), threadsAtPeak)), String.format("%.2f", seconds), failure);
  }

  /** One stream's receiver: counts it open at the first piece, checks its text at the end. */
  private final class Probe implements StreamHandler {
    private final StringBuilder text = new StringBuilder();
    private boolean started;
    private boolean ended;

    @Override
    public void onEvent(StreamingEvent event) {
      if (event instanceof StreamingEvent.ContentDelta d) {
        piece(d.text());
      }
    }

    void piece(String s) {
      if (!started) {
        started = true;
        open.incrementAndGet();
        firstPiece.countDown();
      }
      text.append(s);
    }

    @Override
    public void onComplete() {
      if (ended) {
        return;
      }
      ended = true;
      String diff = Texts.difference(expected, text.toString());
      if (diff == null) {
        ok.incrementAndGet();
      } else {
        failures.add(diff);
      }
      end();
    }

    @Override
    public void onError(AiLibException error) {
      fail(LoadDriver.reason(error));
    }

    void fail(String reason) {
      if (ended) {
        return;
      }
      ended = true;
      failures.add(reason);
      end();
    }

    private void end() {
      if (!started) {
        started = true;
        firstPiece.countDown();
      } else {
        open.decrementAndGet();
      }
      finished.countDown();
    }
  }

  /** Parses SSE lines as they arrive (the raw baseline's logic, non-blocking). */
  private static final class Lines implements Flow.Subscriber<String> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Probe probe;

    Lines(Probe probe) {
      this.probe = probe;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
      if (!line.startsWith("data: ") || line.equals("data: [DONE]")) {
        return;
      }
      try {
        JsonNode content = JSON.readTree(line.substring(6)).path("choices").path(0).path("delta").path("content");
        if (content.isTextual()) {
          probe.piece(content.textValue());
        }
      } catch (IOException e) {
        probe.fail(LoadDriver.reason(e));
      }
    }

    @Override
    public void onError(Throwable error) {
      probe.fail(LoadDriver.reason(error));
    }

    @Override
    public void onComplete() {
      probe.onComplete();
    }
  }
}
