package dev.ailib.core.spi;

import dev.ailib.api.CancelToken;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The real {@link Clock} and {@link Sleeper}. */
final class SystemTime implements Clock, Sleeper {
  static final SystemTime INSTANCE = new SystemTime();

  private SystemTime() {
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public Instant instant() {
    return Instant.now();
  }

  @Override
  public boolean sleep(Duration duration, CancelToken cancel) throws InterruptedException {
    if (cancel.isCancelled()) {
      return false;
    }
    if (duration.isZero() || duration.isNegative()) {
      return true;
    }
    CountDownLatch woken = new CountDownLatch(1);
    try (CancelToken.Registration ignored = cancel.onCancel(woken::countDown)) {
      woken.await(duration.toNanos(), TimeUnit.NANOSECONDS);
    }
    return !cancel.isCancelled();
  }

  @Override
  public String toString() {
    return "SystemTime";
  }
}
