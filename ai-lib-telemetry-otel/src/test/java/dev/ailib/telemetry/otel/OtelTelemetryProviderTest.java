package dev.ailib.telemetry.otel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.core.spi.telemetry.TelemetryListener;
import dev.ailib.core.spi.telemetry.TelemetryProvider;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class OtelTelemetryProviderTest {

  @Test
  void foundByServiceLoader() {
    assertThat(ServiceLoader.load(TelemetryProvider.class).stream().map(ServiceLoader.Provider::type))
        .contains(OtelTelemetryProvider.class);
  }

  @Test
  void createsAnOtelTelemetryWithContentOffByDefault() {
    TelemetryListener listener = new OtelTelemetryProvider(name -> null).create();
    assertThat(listener).isInstanceOf(OtelTelemetry.class);
    assertThat(((OtelTelemetry) listener).capturesMessageContent()).isFalse();
  }

  @Test
  void settingsTurnContentOnOrTheProviderOff() {
    Map<String, String> on = Map.of(OtelTelemetryProvider.CAPTURE_CONTENT, "TRUE");
    assertThat(((OtelTelemetry) new OtelTelemetryProvider(on::get).create()).capturesMessageContent()).isTrue();
    Map<String, String> off = Map.of(OtelTelemetryProvider.ENABLED, "false");
    TelemetryListener disabled = new OtelTelemetryProvider(off::get).create();
    assertThat(disabled).isNotInstanceOf(OtelTelemetry.class);
    assertThat(disabled.toString()).contains("disabled");
  }

  @Test
  void aBadSettingValueIsAClearError() {
    Map<String, String> bad = Map.of(OtelTelemetryProvider.CAPTURE_CONTENT, "yes");
    assertThatThrownBy(() -> new OtelTelemetryProvider(bad::get).create())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("otel.instrumentation.genai.capture-message-content")
        .hasMessageContaining("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT")
        .hasMessageContaining("'yes'");
  }
}
