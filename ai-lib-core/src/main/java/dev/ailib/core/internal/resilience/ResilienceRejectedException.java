package dev.ailib.core.internal.resilience;

import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.StandardErrorCode;
import java.time.Duration;
import java.time.Instant;

/**
 * A call refused on this side, before any request was sent: an open circuit breaker, a full bulkhead or a rate
 * limiter that could not start the request within the call's time budget. Never retried on the same target
 * (waiting would not help within the call); a breaker rejection may fall back to another target.
 */
public final class ResilienceRejectedException extends AiLibException {
  private static final long serialVersionUID = 1L;

  private final boolean fallbackable;

  private ResilienceRejectedException(StandardErrorCode code, String message, boolean fallbackable) {
    super(code, message);
    this.fallbackable = fallbackable;
  }

  static ResilienceRejectedException breakerOpen(String endpoint, Instant until) {
    return new ResilienceRejectedException(StandardErrorCode.OVERLOADED, "circuit breaker for " + endpoint
        + " is open after repeated server faults; calls fail at once until " + until
        + ", then one probe request is let through", true);
  }

  static ResilienceRejectedException breakerProbing(String endpoint) {
    return new ResilienceRejectedException(StandardErrorCode.OVERLOADED, "circuit breaker for " + endpoint
        + " is half-open and its probe request is still running; calls fail at once until the probe ends", true);
  }

  static ResilienceRejectedException bulkheadFull(int maxInflight, Duration waited) {
    return new ResilienceRejectedException(StandardErrorCode.OVERLOADED, "too many calls in flight: all "
        + maxInflight + " slots (maxInflight / AI_LIB_MAX_INFLIGHT) stayed busy for " + waited
        + " (maxInflightWait); call rejected", false);
  }

  static ResilienceRejectedException rateLimited(String endpoint, double rps, Duration budget) {
    return new ResilienceRejectedException(StandardErrorCode.RATE_LIMITED, "client rate limit for " + endpoint
        + " (" + rps + " requests/s, rateLimitRps / AI_LIB_RPS) would delay the request beyond the " + budget
        + " left of the call's timeout; call rejected", false);
  }

  @Override
  public boolean retryable() {
    return false;
  }

  @Override
  public boolean fallbackable() {
    return fallbackable;
  }
}
