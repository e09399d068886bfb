package dev.ailib.spring.boot.autoconfigure;

import dev.ailib.api.spi.ClientComponent;
import dev.ailib.spring.boot.autoconfigure.observation.ObservationTelemetry;
import dev.ailib.spring.boot.autoconfigure.observation.TokenUsageMeter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.Optional;
import org.springframework.beans.factory.ListableBeanFactory;

/** The Micrometer side of {@link TelemetrySelection}; loaded only when micrometer-observation is present. */
final class ObservationSupport {

  private ObservationSupport() {
  }

  /** A listener on the application's one {@code ObservationRegistry} bean (and its MeterRegistry for tokens). */
  static Optional<ClientComponent> fromBean(ListableBeanFactory beans, boolean metersPresent) {
    ObservationRegistry registry = beans.getBeanProvider(ObservationRegistry.class).getIfUnique();
    if (registry == null || registry.isNoop()) {
      return Optional.empty();
    }
    TokenUsageMeter tokens = metersPresent ? Meters.tokens(beans) : null;
    return Optional.of(new ObservationTelemetry(registry, tokens));
  }

  /** Loaded only when micrometer-core is present. */
  private static final class Meters {
    static TokenUsageMeter tokens(ListableBeanFactory beans) {
      MeterRegistry meters = beans.getBeanProvider(MeterRegistry.class).getIfUnique();
      return meters == null ? null : new TokenUsageMeter(meters);
    }
  }
}
