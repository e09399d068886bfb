package dev.ailib.core.internal.resilience;

import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.CancelledException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.api.error.TransportException;
import dev.ailib.core.spi.Clock;
import dev.failsafe.CircuitBreaker;
import java.time.Duration;
import java.time.Instant;

/**
 * The circuit breaker of one provider endpoint, on Failsafe's {@link CircuitBreaker}: it opens after
 * {@code threshold} consecutive server faults (5xx, overloaded, timeouts, connection failures), not on the
 * caller's own errors (400, 401, 403, 404, 413, 429, ...). While open, calls fail at once. After the cooldown one
 * half-open probe goes through: its success closes the breaker, its failure opens it again.
 *
 * <p>Failsafe keeps the state and the counts; the cooldown is measured with the client's {@link Clock} (the
 * Failsafe delay is set out of reach and the half-open transition is made here), so tests drive it with a
 * manual clock. Thread-safe.
 */
final class EndpointBreaker {
  private static final Duration NEVER = Duration.ofDays(365L * 100);

  private final String endpoint;
  private final Duration cooldown;
  private final Clock clock;
  private final CircuitBreaker<Object> breaker;
  private long openedAtNanos;
  private Instant openUntil;

  /**
   * Creates a breaker.
   *
   * @param endpoint the endpoint's key (for messages)
   * @param threshold consecutive faults that open it, positive
   * @param cooldown how long it stays open
   * @param clock the clock
   */
  EndpointBreaker(String endpoint, int threshold, Duration cooldown, Clock clock) {
    this.endpoint = endpoint;
    this.cooldown = cooldown;
    this.clock = clock;
    this.breaker = CircuitBreaker.builder()
        .withFailureThreshold(threshold)
        .withSuccessThreshold(1)
        .withDelay(NEVER)
        .build();
  }

  /**
   * Whether a failure counts against the endpoint: a server-side fault or timeout, never the caller's 4xx,
   * a cancellation or a local rejection.
   *
   * @param failure the failure
   * @return true when it counts
   */
  static boolean isServerFault(AiLibException failure) {
    if (failure instanceof CancelledException || failure instanceof ResilienceRejectedException) {
      return false;
    }
    if (failure instanceof TransportException t) {
      return switch (t.kind()) {
        case CONNECT, CONNECT_TIMEOUT, RESPONSE_HEADERS_TIMEOUT, IDLE_TIMEOUT, CALL_TIMEOUT, IO -> true;
        // POOL_TIMEOUT: the client's own connection limit, not the server; RESPONSE_TOO_LARGE, CANCELLED: local
        default -> false;
      };
    }
    int status = failure.statusCode();
    if (status >= 400 && status < 500) {
      return status == 408;
    }
    if (status >= 500) {
      return true;
    }
    StandardErrorCode code = failure.errorType();
    return code == StandardErrorCode.SERVER_ERROR || code == StandardErrorCode.OVERLOADED
        || code == StandardErrorCode.TIMEOUT;
  }

  /**
   * Takes a permit for an attempt: moves an open breaker whose cooldown is over to half-open, then fails at once
   * when the breaker is open or its single half-open probe is already out.
   *
   * @throws ResilienceRejectedException when the attempt may not go
   */
  synchronized void acquire() {
    if (breaker.isOpen() && clock.nanoTime() - openedAtNanos >= cooldown.toNanos()) {
      breaker.halfOpen();
    }
    if (breaker.isOpen()) {
      throw ResilienceRejectedException.breakerOpen(endpoint, openUntil);
    }
    if (!breaker.tryAcquirePermit()) {
      throw ResilienceRejectedException.breakerProbing(endpoint);
    }
  }

  /**
   * Fails at once when the breaker is open and its cooldown is not over, without taking a permit (checked
   * before waiting for the rate limiter and the bulkhead).
   *
   * @throws ResilienceRejectedException when the breaker is open
   */
  synchronized void checkNotOpen() {
    if (breaker.isOpen() && clock.nanoTime() - openedAtNanos < cooldown.toNanos()) {
      throw ResilienceRejectedException.breakerOpen(endpoint, openUntil);
    }
  }

  /** The attempt got an answer that does not count against the endpoint. */
  synchronized void recordSuccess() {
    breaker.recordSuccess();
  }

  /** The attempt failed with a server fault. */
  synchronized void recordFailure() {
    boolean wasOpen = breaker.isOpen();
    breaker.recordFailure();
    if (!wasOpen && breaker.isOpen()) {
      openedAtNanos = clock.nanoTime();
      openUntil = clock.instant().plus(cooldown);
    }
  }

  /**
   * Records an attempt's outcome.
   *
   * @param failure the failure, or null for a success
   */
  void record(AiLibException failure) {
    if (failure == null) {
      recordSuccess();
    } else if (isServerFault(failure)) {
      recordFailure();
    } else if (failure instanceof CancelledException && isHalfOpen()) {
      // the probe never finished: stay careful and reopen rather than leak the probe permit
      recordFailure();
    } else {
      recordSuccess();
    }
  }

  /** Whether the breaker is open. */
  synchronized boolean isOpen() {
    return breaker.isOpen();
  }

  /** Whether the breaker is half-open. */
  synchronized boolean isHalfOpen() {
    return breaker.isHalfOpen();
  }

  /** Whether the breaker is closed. */
  synchronized boolean isClosed() {
    return breaker.isClosed();
  }
}
