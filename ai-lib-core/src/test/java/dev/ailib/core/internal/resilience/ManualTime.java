package dev.ailib.core.internal.resilience;

import dev.ailib.api.CancelToken;
import dev.ailib.core.spi.Clock;
import dev.ailib.core.spi.Sleeper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that only moves when told to, and a sleeper that records waits and moves that clock instead. */
final class ManualTime implements Clock, Sleeper {
  private static final Instant ORIGIN = Instant.parse("2026-01-01T00:00:00Z");
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final List<Duration> sleeps = new ArrayList<>();

  @Override
  public long nanoTime() {
    return nanos.get();
  }

  @Override
  public Instant instant() {
    return ORIGIN.plusNanos(nanos.get());
  }

  @Override
  public boolean sleep(Duration duration, CancelToken cancel) {
    if (cancel.isCancelled()) {
      return false;
    }
    synchronized (sleeps) {
      sleeps.add(duration);
    }
    advance(duration);
    return !cancel.isCancelled();
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
