package dev.ailib.core.internal.resilience;

import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.CancelledException;
import dev.ailib.api.error.StandardErrorCode;

/**
 * Whether a failure on one target moves the call on to the next target of a fallback chain. Pure; the decision
 * {@link FailsafeResilience} takes after a target's attempts end.
 *
 * <p>A failure falls back when it is {@linkplain AiLibException#fallbackable() fallbackable}: authentication, rate
 * limiting, quota exhaustion, server errors, overload and timeouts may succeed on another provider or model;
 * invalid requests, missing permissions or resources, requests too large (or needing a capability the provider
 * does not declare) and cancellations fail the same way everywhere and end the call.
 */
public final class FallbackDecision {
  private FallbackDecision() {
  }

  /**
   * Decides.
   *
   * @param failure the failure that ended the target's attempts
   * @return true to try the next target
   */
  public static boolean shouldFallback(AiLibException failure) {
    if (failure instanceof CancelledException || failure.errorType() == StandardErrorCode.CANCELLED) {
      return false;
    }
    return failure.fallbackable();
  }
}
