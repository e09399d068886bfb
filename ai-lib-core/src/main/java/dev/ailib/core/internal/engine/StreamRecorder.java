package dev.ailib.core.internal.engine;

import dev.ailib.api.CallStats;
import dev.ailib.api.Cost;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.Usage;
import dev.ailib.core.spi.telemetry.CallOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a stream's events tell telemetry and its figures, for every form of streaming (pull, push, publisher): each
 * event is observed before the caller sees it ({@code firstChunk}, then {@code outputChunk} per output event,
 * {@code usage}, {@code streamEvent}), and a stream that ended normally reports its {@link CallStats} with
 * {@code callEnd}. One thread at a time.
 */
final class StreamRecorder {
  private final DefaultEngine engine;
  private final Listeners listeners;
  private final CallScope scope;
  private final Target served;
  private final int attempts;
  private final List<String> finishReasons = new ArrayList<>(1);
  private boolean sawEnd;
  private boolean sawOutput;
  private long firstOutputNanos;
  private long lastOutputNanos;
  private Usage usage = Usage.EMPTY;

  StreamRecorder(DefaultEngine engine, CallScope scope, Target served, int attempts) {
    this.engine = engine;
    this.listeners = engine.listeners();
    this.scope = scope;
    this.served = served;
    this.attempts = attempts;
  }

  /** The target that served the stream. */
  Target served() {
    return served;
  }

  /** Whether the provider's end of stream ({@code StreamEnd}) was seen. */
  boolean sawEnd() {
    return sawEnd;
  }

  /** Reports one event (not a StreamError: errors are reported as the call's failure). */
  void observe(StreamingEvent e) {
    long now = System.nanoTime();
    boolean output = e instanceof StreamingEvent.ContentDelta || e instanceof StreamingEvent.ThinkingDelta
        || e instanceof StreamingEvent.ToolCallStarted || e instanceof StreamingEvent.PartialToolCall
        || e instanceof StreamingEvent.ToolCallEnded;
    if (output) {
      if (!sawOutput) {
        sawOutput = true;
        firstOutputNanos = now;
        listeners.firstChunk(scope.info, Duration.ofNanos(now - scope.startNanos));
      } else if (!listeners.isEmpty()) { // no Duration per chunk when nobody listens
        listeners.outputChunk(scope.info, Duration.ofNanos(now - lastOutputNanos));
      }
      lastOutputNanos = now;
    } else if (e instanceof StreamingEvent.UsageReport u) {
      usage = u.usage();
      listeners.usage(scope.info, usage);
    } else if (e instanceof StreamingEvent.StreamEnd end) {
      sawEnd = true;
      finishReasons.add(end.finishReason().wireName());
    }
    listeners.streamEvent(scope.info, e);
  }

  /** The stream ended normally: its figures, reported with {@code callEnd}. */
  CallStats finish() {
    long latency = scope.elapsed().toMillis();
    long ttft = !sawOutput ? -1 : Duration.ofNanos(firstOutputNanos - scope.startNanos).toMillis();
    Cost cost = served.cost(usage);
    CallStats s = new CallStats(usage.totalTokens(), usage.promptTokens(), usage.completionTokens(), latency, ttft,
        served.model(), served.provider(), attempts).withCost(cost);
    engine.spent(scope, served, usage, cost, true);
    listeners.callEnd(scope.info, new CallOutcome(null, null, List.copyOf(finishReasons), usage, s));
    return s;
  }

  /** A stream that did not complete still spent the tokens its provider reported so far (budgets, spend listeners). */
  void spentSoFar() {
    if (!Usage.EMPTY.equals(usage)) {
      engine.spent(scope, served, usage, served.cost(usage), false);
    }
  }
}
