package dev.ailib.spring.boot.autoconfigure;

import dev.ailib.api.spi.ClientComponent;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Decides how the starter's clients report telemetry, in one place: through the application's {@code OpenTelemetry}
 * bean when there is one (and ai-lib-telemetry-otel is present), else through its Micrometer
 * {@code ObservationRegistry} bean, else not at all. Never through {@code GlobalOpenTelemetry}: when the OTel adapter
 * is on the class path but not chosen, each client gets an adapter on the no-op OpenTelemetry, which replaces the
 * one ServiceLoader would add on the global.
 *
 * <p>The types of the optional libraries appear only in {@link OtelSupport} and {@link ObservationSupport}, which are
 * loaded only when their classes are present.
 */
final class TelemetrySelection {
  private TelemetrySelection() {
  }

  /**
   * The listeners each client gets.
   *
   * @param beans the application's beans
   * @param settings {@code ailib.telemetry.*}
   * @param classLoader the application's class loader, where the optional libraries are looked for
   * @return the listeners (possibly only the one that keeps the global out)
   */
  static List<ClientComponent> listeners(ListableBeanFactory beans, AiLibProperties.Telemetry settings,
      ClassLoader classLoader) {
    boolean otelAdapter = ClassUtils.isPresent("dev.ailib.telemetry.otel.OtelTelemetry", classLoader)
        && ClassUtils.isPresent("io.opentelemetry.api.OpenTelemetry", classLoader);
    List<ClientComponent> chosen = new ArrayList<>();
    if (settings.isEnabled() && otelAdapter) {
      OtelSupport.fromBean(beans, settings.isCaptureMessageContent()).ifPresent(chosen::add);
    }
    if (settings.isEnabled() && chosen.isEmpty()
        && ClassUtils.isPresent("io.micrometer.observation.ObservationRegistry", classLoader)) {
      boolean meters = ClassUtils.isPresent("io.micrometer.core.instrument.MeterRegistry", classLoader);
      ObservationSupport.fromBean(beans, meters).ifPresent(chosen::add);
    }
    if (otelAdapter && !OtelSupport.anyOtel(chosen)) {
      chosen.add(OtelSupport.silent());
    }
    return chosen;
  }
}
