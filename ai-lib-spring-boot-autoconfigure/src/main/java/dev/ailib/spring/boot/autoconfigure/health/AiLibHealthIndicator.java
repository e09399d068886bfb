package dev.ailib.spring.boot.autoconfigure.health;

import dev.ailib.api.AiClient;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The {@code ailib} health indicator on Spring Boot 3's Actuator API: each check sends a one-token request to the
 * client's model (so it is off unless {@code ailib.health.enabled=true}; Actuator's
 * {@code management.endpoint.health.cache.time-to-live} limits how often that happens).
 */
public final class AiLibHealthIndicator extends AbstractHealthIndicator {
  private final HealthProbe probe;

  /**
   * Checks this client.
   *
   * @param client the client
   */
  public AiLibHealthIndicator(AiClient client) {
    super("ai-lib health check failed");
    this.probe = new HealthProbe(client);
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    HealthProbe.Result r = probe.check();
    if (r.up()) {
      builder.up();
    } else {
      builder.down();
    }
    builder.withDetails(r.details());
  }
}
