package dev.ailib.core.internal.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.api.error.CancelledException;
import dev.ailib.api.error.RemoteException;
import dev.ailib.api.error.StandardErrorCode;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RetryDecisionTest {
  private static final RetrySettings POLICY = new RetrySettings(3, Duration.ofMillis(1000), Duration.ofMillis(30000),
      true, Duration.ofSeconds(60), Set.of(429, 500, 502, 503));

  private static RemoteException error(StandardErrorCode code) {
    return new RemoteException(code, code.wireName(), code.typicalHttpStatus(), null, null, null);
  }

  @Test
  void retryableFailuresAreRetriedUntilMaxRetriesWithADelayInsideThePolicysBounds() {
    Random random = new Random(42);
    for (int retries = 0; retries < 3; retries++) {
      for (int draw = 0; draw < 50; draw++) {
        RetryDecision d = RetryDecision.decide(POLICY, error(StandardErrorCode.SERVER_ERROR), retries,
            random::nextDouble);
        assertThat(d.retry()).isTrue();
        assertThat(d.delay()).isBetween(Duration.ofMillis(1000), Duration.ofMillis(30000));
      }
    }
    assertThat(RetryDecision.decide(POLICY, error(StandardErrorCode.SERVER_ERROR), 3, () -> 0.5).retry()).isFalse();
  }

  @Test
  void theDrawSpansMinDelayToTheExponentialCeiling() {
    RemoteException e = error(StandardErrorCode.RATE_LIMITED);
    assertThat(RetryDecision.delay(POLICY, 0, e, () -> 0.0)).isEqualTo(Duration.ofMillis(1000));
    assertThat(RetryDecision.delay(POLICY, 2, e, () -> 0.0)).isEqualTo(Duration.ofMillis(1000));
    assertThat(RetryDecision.delay(POLICY, 2, e, () -> 0.5)).isEqualTo(Duration.ofMillis(2500));
    assertThat(RetryDecision.delay(POLICY, 10, e, () -> 1.0)).isEqualTo(Duration.ofMillis(30000));
  }

  @Test
  void nonRetryableQuotaAndCancellationAreNotRetried() {
    assertThat(RetryDecision.decide(POLICY, error(StandardErrorCode.INVALID_REQUEST), 0, () -> 0.5).retry()).isFalse();
    assertThat(RetryDecision.decide(POLICY, error(StandardErrorCode.QUOTA_EXHAUSTED), 0, () -> 0.5).retry())
        .isFalse();
    assertThat(RetryDecision.decide(POLICY, new CancelledException("stop"), 0, () -> 0.5).retry()).isFalse();
  }

  @Test
  void fallbackFollowsTheFallbackableFlag() {
    assertThat(FallbackDecision.shouldFallback(error(StandardErrorCode.OVERLOADED))).isTrue();
    assertThat(FallbackDecision.shouldFallback(error(StandardErrorCode.RATE_LIMITED))).isTrue();
    assertThat(FallbackDecision.shouldFallback(error(StandardErrorCode.INVALID_REQUEST))).isFalse();
    assertThat(FallbackDecision.shouldFallback(error(StandardErrorCode.REQUEST_TOO_LARGE))).isFalse();
    assertThat(FallbackDecision.shouldFallback(new CancelledException("stop"))).isFalse();
  }
}
