package dev.ailib.core.spi.telemetry;

/**
 * A listener's per-call context made current on one thread (for OpenTelemetry: the call's span as the current
 * span). Returned by {@link TelemetryListener#activate}; the engine closes it on the same thread, in reverse order
 * of activation, when the piece of work it wraps ends.
 */
@FunctionalInterface
public interface TelemetryScope extends AutoCloseable {

  /** A scope that does nothing. */
  TelemetryScope NONE = () -> {
  };

  /** Restores the context that was current before; never throws. */
  @Override
  void close();
}
