package dev.ailib.core.internal.engine;

import dev.ailib.api.CancelToken;
import dev.ailib.core.spi.Clock;
import dev.ailib.core.spi.Sleeper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told to, and a sleeper that records waits and moves the clock instead. */
final class TestTime implements Clock, Sleeper {
  private static final Instant ORIGIN = Instant.parse("2026-01-01T00:00:00Z");
  private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
  final List<Duration> sleeps = java.util.Collections.synchronizedList(new ArrayList<>());

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
    sleeps.add(duration);
    advance(duration);
    return !cancel.isCancelled();
  }

  void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }
}
