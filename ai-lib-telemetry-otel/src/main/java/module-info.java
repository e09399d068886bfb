/**
 * The telemetry port on the OpenTelemetry API: GenAI spans and metrics for every call. Depends on
 * opentelemetry-api only; an SDK (or the Java agent) configured by the application decides where data goes.
 */
module dev.ailib.telemetry.otel {
  requires dev.ailib.core;
  requires io.opentelemetry.api;
  requires io.opentelemetry.context;

  exports dev.ailib.telemetry.otel;

  provides dev.ailib.core.spi.telemetry.TelemetryProvider with dev.ailib.telemetry.otel.OtelTelemetryProvider;
}
