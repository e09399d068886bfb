package dev.ailib.core.internal.resilience;

import dev.ailib.api.error.TransportException;
import dev.ailib.core.spi.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The one deadline of a call: the whole-call timeout turned into a point in time once, when the call starts, on
 * the client's {@link Clock}. Everything that waits for the call reads it: the policies bound their waits (retry
 * delays, {@code Retry-After}, the rate limiter, the in-flight slot) by {@link #remaining()} and check it before
 * every attempt; each attempt's request carries it as {@link #systemNanoTime()} so that the transport caps each
 * of its waits by it. No timer task enforces it: it is checked where the call waits. Immutable, thread-safe.
 */
public final class Deadline {
  private final Clock clock;
  private final Duration budget;
  private final long atNanos;

  private Deadline(Clock clock, Duration budget, long atNanos) {
    this.clock = clock;
    this.budget = budget;
    this.atNanos = atNanos;
  }

  /**
   * The deadline of a call that starts now.
   *
   * @param budget the whole-call timeout, positive
   * @param clock the client's clock
   * @return the deadline
   */
  public static Deadline after(Duration budget, Clock clock) {
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(clock, "clock");
    long now = clock.nanoTime();
    long nanos = saturatedNanos(budget);
    long at = now + nanos;
    return new Deadline(clock, budget, at < now ? Long.MAX_VALUE : at);
  }

  /** The whole-call timeout this deadline was made from. */
  public Duration budget() {
    return budget;
  }

  /** The time left, never negative. */
  public Duration remaining() {
    long left = leftNanos();
    return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
  }

  /** Whether the deadline has passed. */
  public boolean expired() {
    return leftNanos() <= 0;
  }

  /**
   * The deadline as a {@link System#nanoTime()} reading, for {@code TransportRequest.deadlineNanos}: now plus the
   * time left on the client's clock (so a test clock that has moved past the deadline gives a deadline already
   * passed). Never {@code Long.MAX_VALUE}, which means "no deadline".
   *
   * @return the reading
   */
  public long systemNanoTime() {
    long now = System.nanoTime();
    long left = leftNanos();
    if (left <= 0) {
      return now;
    }
    long at = now + left;
    return at < now || at == Long.MAX_VALUE ? Long.MAX_VALUE - 1 : at;
  }

  /**
   * The error of a call whose deadline passed.
   *
   * @param where what the call was doing, such as {@code "before attempt 2 against openai/gpt-4o"}
   * @param cause what failed when the deadline passed, or null
   * @return a {@link TransportException} of kind {@link TransportException.Kind#CALL_TIMEOUT}
   */
  public TransportException exceeded(String where, Throwable cause) {
    return new TransportException(TransportException.Kind.CALL_TIMEOUT, "whole-call timeout of " + budget
        + " (AiClientBuilder.timeout / " + ResilienceSettings.ENV_HTTP_TIMEOUT + ") exceeded " + where, cause);
  }

  private long leftNanos() {
    return atNanos == Long.MAX_VALUE ? Long.MAX_VALUE : atNanos - clock.nanoTime();
  }

  private static long saturatedNanos(Duration d) {
    if (d.isNegative() || d.isZero()) {
      return 0;
    }
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  @Override
  public String toString() {
    return "Deadline[budget=" + budget + ", remaining=" + remaining() + "]";
  }
}
