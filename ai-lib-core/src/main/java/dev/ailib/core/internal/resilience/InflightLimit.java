package dev.ailib.core.internal.resilience;

import dev.ailib.api.CancelToken;
import dev.ailib.api.error.CancelledException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The bulkhead: at most {@code maxInflight} attempts of a client in flight at once; a further attempt waits, in
 * arrival order, up to a bound for a slot and is then rejected. Waiting ends early when the call is cancelled.
 *
 * <p>Built on a fair {@link Semaphore} rather than Failsafe's {@code Bulkhead}: in Failsafe 3.3.2,
 * {@code Bulkhead.tryAcquirePermit(Duration)} leaves a timed-out waiter queued and the next release hands it the
 * permit, so every rejection loses a slot for good (failsafe-lib/failsafe#393). Thread-safe.
 */
final class InflightLimit {
  private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final int maxInflight;
  private final Semaphore slots;

  /**
   * Creates the limit.
   *
   * @param maxInflight slots, positive
   */
  InflightLimit(int maxInflight) {
    if (maxInflight <= 0) {
      throw new IllegalArgumentException("maxInflight must be > 0, was " + maxInflight);
    }
    this.maxInflight = maxInflight;
    this.slots = new Semaphore(maxInflight, true);
  }

  /**
   * Takes a slot, waiting up to {@code maxWait}.
   *
   * @param maxWait the longest wait
   * @param cancel the call's token
   * @return true when a slot was taken (release it with {@link #release()}), false when none freed in time
   * @throws CancelledException when the call was cancelled or the thread interrupted while waiting
   */
  boolean acquire(Duration maxWait, CancelToken cancel) {
    if (slots.tryAcquire()) {
      return true;
    }
    long deadline = System.nanoTime() + maxWait.toNanos();
    try {
      while (true) {
        if (cancel.isCancelled()) {
          throw new CancelledException("call cancelled while waiting for an in-flight slot");
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        if (slots.tryAcquire(Math.min(left, SLICE_NANOS), TimeUnit.NANOSECONDS)) {
          if (cancel.isCancelled()) {
            slots.release();
            throw new CancelledException("call cancelled while waiting for an in-flight slot");
          }
          return true;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancelledException("interrupted while waiting for an in-flight slot");
    }
  }

  /**
   * Takes a slot if one is free now.
   *
   * @return true when a slot was taken (release it with {@link #release()})
   */
  boolean tryAcquire() {
    return slots.tryAcquire();
  }

  /** Gives a slot back. */
  void release() {
    slots.release();
  }

  /** Slots free right now. */
  int available() {
    return slots.availablePermits();
  }

  /** The number of slots. */
  int maxInflight() {
    return maxInflight;
  }
}
