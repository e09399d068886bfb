package dev.ailib.core.internal.resilience;

import dev.ailib.core.spi.Clock;
import java.time.Duration;

/**
 * Paces requests to one endpoint evenly: at {@code rps} requests per second, request n may start no earlier
 * than {@code 1/rps} after request n-1 (no bursts). Callers reserve a start time and wait for it through the
 * client's sleeper, so tests with a manual clock never wait for real. Thread-safe.
 *
 * <p>Timing is measured with the injected {@link Clock} rather than with Failsafe's {@code RateLimiter}, whose
 * stopwatch reads the system clock and so cannot be driven by a test (Failsafe 3.3.2: a package-private
 * {@code Stopwatch} on {@code System.nanoTime()},
 * <a href="https://github.com/failsafe-lib/failsafe/blob/master/core/src/main/java/dev/failsafe/internal/RateLimiterStats.java">RateLimiterStats</a>;
 * {@code RateLimiterImpl} waits with {@code TimeUnit.sleep}).
 */
final class SmoothRateLimiter {
  private final long intervalNanos;
  private final Clock clock;
  private long nextFreeNanos;
  private boolean started;

  /**
   * Creates a limiter.
   *
   * @param rps requests per second, positive
   * @param clock the clock
   */
  SmoothRateLimiter(double rps, Clock clock) {
    if (!(rps > 0)) {
      throw new IllegalArgumentException("rps must be > 0, was " + rps);
    }
    this.intervalNanos = Math.max(1L, (long) (1_000_000_000d / rps));
    this.clock = clock;
  }

  /**
   * Reserves the next start time, unless it is further away than {@code maxWait}.
   *
   * @param maxWait the longest acceptable wait
   * @return the wait before the request may start, or null when it would exceed {@code maxWait} (nothing reserved)
   */
  synchronized Duration tryReserve(Duration maxWait) {
    long now = clock.nanoTime();
    if (!started || nextFreeNanos - now < 0) {
      nextFreeNanos = now;
      started = true;
    }
    long wait = nextFreeNanos - now;
    if (wait > maxWait.toNanos()) {
      return null;
    }
    nextFreeNanos += intervalNanos;
    return Duration.ofNanos(wait);
  }

  /** The pacing interval. */
  Duration interval() {
    return Duration.ofNanos(intervalNanos);
  }
}
