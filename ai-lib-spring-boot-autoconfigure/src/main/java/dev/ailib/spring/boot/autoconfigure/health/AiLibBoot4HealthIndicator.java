package dev.ailib.spring.boot.autoconfigure.health;

import dev.ailib.api.AiClient;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code ailib} health indicator on Spring Boot 4's health API ({@code org.springframework.boot.health}): the
 * same check as {@link AiLibHealthIndicator}.
 */
public final class AiLibBoot4HealthIndicator extends AbstractHealthIndicator {
  private final HealthProbe probe;

  /**
   * Checks this client.
   *
   * @param client the client
   */
  public AiLibBoot4HealthIndicator(AiClient client) {
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
