package dev.ailib.core.internal.resilience;

import dev.ailib.api.CancelToken;
import dev.ailib.core.spi.Sleeper;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Waits of the asynchronous path (retry backoff, {@code Retry-After}, rate-limiter pacing) that hold no thread: with
 * the system {@link Sleeper}, one process-wide daemon thread ({@value #THREAD_NAME}, started by the first such wait
 * and ended after 10 s without one) completes each wait; with a sleeper of the application's (a test's manual
 * clock), the sleeper runs on the call's executor, as the blocking path would run it. A cancelled call ends its wait
 * at once. Thread-safe.
 */
final class AsyncWaits {
  /** The name of the one thread that completes waits of the asynchronous path. */
  static final String THREAD_NAME = "ailib-async-waits";

  private static final ScheduledThreadPoolExecutor TIMER = timer();

  private final Sleeper sleeper;

  AsyncWaits(Sleeper sleeper) {
    this.sleeper = sleeper;
  }

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
      Thread thread = new Thread(r, THREAD_NAME);
      thread.setDaemon(true);
      return thread;
    });
    t.setRemoveOnCancelPolicy(true);
    t.setKeepAliveTime(10, TimeUnit.SECONDS);
    t.allowCoreThreadTimeOut(true);
    return t;
  }

  /**
   * Completes after a duration.
   *
   * @param duration how long (zero: at once)
   * @param cancel the call's token
   * @param blocking runs an application sleeper (blocking)
   * @return true when the whole duration passed, false when the call was cancelled meanwhile; exceptionally with
   *     {@link InterruptedException} or a {@link RejectedExecutionException} when the sleeper could not run
   */
  CompletableFuture<Boolean> after(Duration duration, CancelToken cancel, Executor blocking) {
    if (cancel.isCancelled()) {
      return CompletableFuture.completedFuture(false);
    }
    if (duration.isZero() || duration.isNegative()) {
      return CompletableFuture.completedFuture(true);
    }
    CompletableFuture<Boolean> done = new CompletableFuture<>();
    if (sleeper != Sleeper.system()) {
      blocking.execute(() -> {
        try {
          done.complete(sleeper.sleep(duration, cancel) && !cancel.isCancelled());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          done.completeExceptionally(e);
        } catch (RuntimeException e) {
          done.completeExceptionally(e);
        }
      });
      return done;
    }
    ScheduledFuture<?> timer = TIMER.schedule(() -> done.complete(true), duration.toNanos(), TimeUnit.NANOSECONDS);
    CancelToken.Registration r = cancel.onCancel(() -> {
      timer.cancel(false);
      done.complete(false);
    });
    done.whenComplete((ok, e) -> r.close());
    return done;
  }
}
