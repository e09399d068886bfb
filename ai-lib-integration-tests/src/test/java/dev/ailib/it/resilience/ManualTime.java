package dev.ailib.it.resilience;

import dev.ailib.api.CancelToken;
import dev.ailib.core.spi.Clock;
import dev.ailib.core.spi.Sleeper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that only moves when told to, and a sleeper that records each wait and moves that clock instead of
 * waiting: passed to the client with {@code AiClientBuilder.component(...)}, it makes retries, rate-limiter
 * pacing and breaker cooldowns instant and deterministic.
 */
final class ManualTime implements Clock, Sleeper {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final Instant origin = Instant.now();
  private final List<Duration> sleeps = new ArrayList<>();
  private volatile Runnable onSleep = () -> { };

  @Override
  public long nanoTime() {
    return nanos.get();
  }

  @Override
  public Instant instant() {
    return origin.plusNanos(nanos.get());
  }

  @Override
  public boolean sleep(Duration duration, CancelToken cancel) {
    if (cancel.isCancelled()) {
      return false;
    }
    synchronized (sleeps) {
      sleeps.add(duration);
    }
    onSleep.run();
    advance(duration);
    return !cancel.isCancelled();
  }

  /** Runs an action at the start of every wait (for example to cancel the call meanwhile). */
  void onSleep(Runnable action) {
    this.onSleep = action;
  }

  void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  List<Duration> sleeps() {
    synchronized (sleeps) {
      return List.copyOf(sleeps);
    }
  }
}
