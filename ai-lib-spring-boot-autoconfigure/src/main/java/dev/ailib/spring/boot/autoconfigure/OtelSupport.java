package dev.ailib.spring.boot.autoconfigure;

import dev.ailib.api.spi.ClientComponent;
import dev.ailib.telemetry.otel.OtelTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ListableBeanFactory;

/** The OpenTelemetry side of {@link TelemetrySelection}; loaded only when the OTel adapter and API are present. */
final class OtelSupport {

  private OtelSupport() {
  }

  /** An adapter on the application's one {@code OpenTelemetry} bean, if it has exactly one. */
  static Optional<ClientComponent> fromBean(ListableBeanFactory beans, boolean captureContent) {
    OpenTelemetry otel = beans.getBeanProvider(OpenTelemetry.class).getIfUnique();
    if (otel == null) {
      return Optional.empty();
    }
    return Optional.of(OtelTelemetry.builder(otel).captureMessageContent(captureContent).build());
  }

  /** An adapter that records nothing: it takes the place of the one ServiceLoader would put on the global. */
  static ClientComponent silent() {
    return new OtelTelemetry(OpenTelemetry.noop());
  }

  static boolean anyOtel(List<ClientComponent> listeners) {
    return listeners.stream().anyMatch(OtelTelemetry.class::isInstance);
  }
}
