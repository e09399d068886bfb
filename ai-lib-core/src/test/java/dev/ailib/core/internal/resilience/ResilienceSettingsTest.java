package dev.ailib.core.internal.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.ResilientConfig;
import dev.ailib.api.Timeouts;
import dev.ailib.core.spi.Environment;
import dev.ailib.core.spi.manifest.RetryPolicySpec;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResilienceSettingsTest {
  private static final Environment NONE = Environment.of(Map.of());

  @Test
  void defaultsWhenNothingIsSet() {
    ResilienceSettings s = ResilienceSettings.resolve(ResilientConfig.unset(), null, NONE);
    assertThat(s.maxInflight()).isZero();
    assertThat(s.rateLimitRps()).isZero();
    assertThat(s.breakerFailureThreshold()).isEqualTo(5);
    assertThat(s.breakerCooldown()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.maxInflightWait()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.callTimeout()).isEqualTo(Duration.ofMinutes(10));
    RetrySettings r = s.retryFor(null);
    assertThat(r.maxRetries()).isEqualTo(2);
    assertThat(r.baseDelay()).isEqualTo(Duration.ofMillis(500));
    assertThat(r.maxDelay()).isEqualTo(Duration.ofSeconds(30));
    assertThat(r.retryAfterCap()).isEqualTo(Duration.ofSeconds(60));
    assertThat(r.fullJitter()).isTrue();
  }

  @Test
  void environmentOverridesDefaults() {
    Environment env = Environment.of(Map.of("AI_LIB_MAX_INFLIGHT", "8", "AI_LIB_RPS", "2.5",
        "AI_LIB_BREAKER_FAILURE_THRESHOLD", "3", "AI_LIB_BREAKER_COOLDOWN_SECS", "1.5", "AI_HTTP_TIMEOUT_SECS", "45"));
    ResilienceSettings s = ResilienceSettings.resolve(ResilientConfig.unset(), null, env);
    assertThat(s.maxInflight()).isEqualTo(8);
    assertThat(s.rateLimitRps()).isEqualTo(2.5);
    assertThat(s.breakerFailureThreshold()).isEqualTo(3);
    assertThat(s.breakerCooldown()).isEqualTo(Duration.ofMillis(1500));
    assertThat(s.callTimeout()).isEqualTo(Duration.ofSeconds(45));
  }

  @Test
  void builderOverridesEnvironment() {
    Environment env = Environment.of(Map.of("AI_LIB_MAX_INFLIGHT", "8", "AI_LIB_RPS", "2.5",
        "AI_LIB_BREAKER_FAILURE_THRESHOLD", "3", "AI_LIB_BREAKER_COOLDOWN_SECS", "1", "AI_HTTP_TIMEOUT_SECS", "45"));
    ResilientConfig config = ResilientConfig.builder().maxInflight(2).rateLimitRps(0).circuitBreakerThreshold(9)
        .circuitBreakerCooldown(Duration.ofSeconds(7)).build();
    ResilienceSettings s = ResilienceSettings.resolve(config, Timeouts.DEFAULTS.withCall(Duration.ofSeconds(3)), env);
    assertThat(s.maxInflight()).isEqualTo(2);
    assertThat(s.rateLimitRps()).isZero();
    assertThat(s.breakerFailureThreshold()).isEqualTo(9);
    assertThat(s.breakerCooldown()).isEqualTo(Duration.ofSeconds(7));
    assertThat(s.callTimeout()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void manifestRetryPolicyOverridesDefaultsButNotTheBuilder() {
    RetryPolicySpec manifest = new RetryPolicySpec("exponential_backoff", 4, Duration.ofMillis(200),
        Duration.ofSeconds(8), "none", Set.of(529));
    RetrySettings fromManifest = ResilienceSettings.resolve(ResilientConfig.unset(), null, NONE).retryFor(manifest);
    assertThat(fromManifest.maxRetries()).isEqualTo(4);
    assertThat(fromManifest.baseDelay()).isEqualTo(Duration.ofMillis(200));
    assertThat(fromManifest.maxDelay()).isEqualTo(Duration.ofSeconds(8));
    assertThat(fromManifest.fullJitter()).isFalse();
    assertThat(fromManifest.retryOnHttpStatus()).containsExactly(529);

    ResilientConfig config = ResilientConfig.builder().maxRetries(1).retryBaseDelay(Duration.ofMillis(50))
        .retryMaxDelay(Duration.ofSeconds(1)).retryAfterCap(Duration.ofSeconds(2)).build();
    RetrySettings fromBuilder = ResilienceSettings.resolve(config, null, NONE).retryFor(manifest);
    assertThat(fromBuilder.maxRetries()).isEqualTo(1);
    assertThat(fromBuilder.baseDelay()).isEqualTo(Duration.ofMillis(50));
    assertThat(fromBuilder.maxDelay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(fromBuilder.retryAfterCap()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void invalidEnvironmentValuesNameTheVariableAndTheValue() {
    Map<String, String> bad = Map.of(
        "AI_LIB_MAX_INFLIGHT", "lots",
        "AI_LIB_RPS", "-1",
        "AI_LIB_BREAKER_FAILURE_THRESHOLD", "2.5",
        "AI_LIB_BREAKER_COOLDOWN_SECS", "0",
        "AI_HTTP_TIMEOUT_SECS", "1e99");
    bad.forEach((name, value) -> assertThatThrownBy(() ->
        ResilienceSettings.resolve(ResilientConfig.unset(), null, Environment.of(Map.of(name, value))))
        .isInstanceOf(dev.ailib.api.error.ProtocolException.class)
        .hasMessageContaining("environment variable " + name)
        .hasMessageContaining("was '" + value + "'"));
  }

  @Test
  void anEnvironmentValueTheBuilderOverridesIsNotChecked() {
    ResilienceSettings s = ResilienceSettings.resolve(ResilientConfig.builder().maxInflight(3).build(), null,
        Environment.of(Map.of("AI_LIB_MAX_INFLIGHT", "lots")));
    assertThat(s.maxInflight()).isEqualTo(3);
  }
}
