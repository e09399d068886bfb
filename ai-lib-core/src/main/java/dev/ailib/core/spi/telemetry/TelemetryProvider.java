package dev.ailib.core.spi.telemetry;

/**
 * Creates telemetry listeners; found with {@link java.util.ServiceLoader}. Every provider found contributes
 * a listener, beside those passed to the builder.
 */
public interface TelemetryProvider {

  /** Creates a listener for one client. */
  TelemetryListener create();
}
