package dev.ailib.core.spi.telemetry;

/**
 * Creates telemetry listeners; found with {@link java.util.ServiceLoader}. Every provider found contributes
 * a listener, beside those passed to the builder; a listener of the same class as one passed to the builder is
 * dropped (the builder's instance wins, so a call is not recorded twice).
 */
public interface TelemetryProvider {

  /** Creates a listener for one client. */
  TelemetryListener create();
}
