package dev.ailib.telemetry.otel;

import dev.ailib.core.spi.telemetry.TelemetryListener;
import dev.ailib.core.spi.telemetry.TelemetryProvider;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Found by {@link java.util.ServiceLoader}: gives each client an {@link OtelTelemetry} on
 * {@link io.opentelemetry.api.GlobalOpenTelemetry}, which records once a global is registered and never registers one
 * itself. A client given its own {@link OtelTelemetry} on the builder uses that one instead of this one.
 * Settings, each a system property or else an environment variable:
 * <ul>
 *   <li>{@code ailib.telemetry.otel.enabled} / {@code AILIB_TELEMETRY_OTEL_ENABLED}: {@code false} turns it off
 *       for every client of the JVM;</li>
 *   <li>{@code otel.instrumentation.genai.capture-message-content} /
 *       {@code OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT}: {@code true} records message content;</li>
 *   <li>{@code ailib.telemetry.otel.legacy-system-attribute} / {@code AILIB_TELEMETRY_OTEL_LEGACY_SYSTEM_ATTRIBUTE}:
 *       {@code true} also writes {@code gen_ai.system}.</li>
 * </ul>
 * Any value other than {@code true} or {@code false} (ignoring case) is an error naming the setting and the value.
 */
public final class OtelTelemetryProvider implements TelemetryProvider {
  static final String ENABLED = "ailib.telemetry.otel.enabled";
  static final String CAPTURE_CONTENT = "otel.instrumentation.genai.capture-message-content";
  static final String LEGACY_SYSTEM = "ailib.telemetry.otel.legacy-system-attribute";

  private static final TelemetryListener DISABLED = new TelemetryListener() {
    @Override
    public String toString() {
      return "OtelTelemetry[disabled by " + ENABLED + "=false]";
    }
  };

  private final UnaryOperator<String> settings;

  /** For ServiceLoader: reads system properties, then environment variables. */
  public OtelTelemetryProvider() {
    this(name -> {
      String v = System.getProperty(name);
      return v != null ? v : System.getenv(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
    });
  }

  OtelTelemetryProvider(UnaryOperator<String> settings) {
    this.settings = settings;
  }

  @Override
  public TelemetryListener create() {
    if (!flag(ENABLED, true)) {
      return DISABLED;
    }
    return OtelTelemetry.builder().captureMessageContent(flag(CAPTURE_CONTENT, false))
        .emitLegacySystemAttribute(flag(LEGACY_SYSTEM, false)).build();
  }

  private boolean flag(String name, boolean defaultValue) {
    String v = settings.apply(name);
    if (v == null || v.isBlank()) {
      return defaultValue;
    }
    switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw new IllegalArgumentException("setting " + name + " (system property, or environment variable "
            + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_') + ") must be true or false, was '"
            + v + "'");
    }
  }
}
