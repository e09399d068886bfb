package dev.ailib.core.spi;

import dev.ailib.api.spi.ClientComponent;
import java.time.Instant;

/**
 * The time source of a client: measures delays, deadlines and circuit-breaker cooldowns. The default is the
 * system clock; tests pass a manual one with {@code AiClientBuilder.component(clock)} so that no test waits
 * for real time. Implementations must be thread-safe.
 */
public interface Clock extends ClientComponent {

  /**
   * A monotonic reading in nanoseconds, only meaningful as a difference between two readings
   * (like {@link System#nanoTime()}).
   *
   * @return the reading
   */
  long nanoTime();

  /**
   * The wall-clock time, used to say until when something holds (for example an open circuit breaker).
   *
   * @return the current instant
   */
  Instant instant();

  /**
   * The system clock: {@link System#nanoTime()} and {@link Instant#now()}.
   *
   * @return the clock
   */
  static Clock system() {
    return SystemTime.INSTANCE;
  }
}
