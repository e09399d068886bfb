package dev.ailib.core.spi;

import dev.ailib.api.CancelToken;
import dev.ailib.api.spi.ClientComponent;
import java.time.Duration;

/**
 * Waits between attempts (retry backoff, {@code Retry-After}, rate-limiter pacing). The default blocks the
 * calling thread and wakes up early when the call is cancelled; tests pass one that only advances a manual
 * {@link Clock} with {@code AiClientBuilder.component(sleeper)}. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Sleeper extends ClientComponent {

  /**
   * Waits for a duration, or less when the token is cancelled meanwhile.
   *
   * @param duration how long to wait (zero or positive)
   * @param cancel the call's token; a cancellation ends the wait at once
   * @return {@code true} when the whole duration passed, {@code false} when the wait ended by cancellation
   * @throws InterruptedException when the thread was interrupted while waiting
   */
  boolean sleep(Duration duration, CancelToken cancel) throws InterruptedException;

  /**
   * Blocks the calling thread, waking up when the token is cancelled.
   *
   * @return the sleeper
   */
  static Sleeper system() {
    return SystemTime.INSTANCE;
  }
}
