package dev.ailib.core.internal.engine;

import dev.ailib.api.Usage;
import dev.ailib.api.error.AiLibException;
import dev.ailib.core.spi.telemetry.CallInfo;
import dev.ailib.core.spi.telemetry.CallOutcome;
import dev.ailib.core.spi.telemetry.TelemetryListener;
import dev.ailib.core.spi.transport.HttpHeaders;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** Fans events out to the client's telemetry listeners; a listener that throws is logged and ignored. */
final class Listeners {
  private static final Logger LOG = System.getLogger(Listeners.class.getName());

  private final List<TelemetryListener> listeners;

  Listeners(List<TelemetryListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  boolean isEmpty() {
    return listeners.isEmpty();
  }

  private void each(String event, Consumer<TelemetryListener> action) {
    for (TelemetryListener l : listeners) {
      try {
        action.accept(l);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "telemetry listener " + l.getClass().getName() + " failed in " + event
            + " (ignored): " + e.getClass().getName());
      }
    }
  }

  void callStart(CallInfo c) {
    each("callStart", l -> l.callStart(c));
  }

  void attemptStart(CallInfo c, int attempt, String provider, String model) {
    each("attemptStart", l -> l.attemptStart(c, attempt, provider, model));
  }

  void retryScheduled(CallInfo c, int next, Duration delay, AiLibException reason) {
    each("retryScheduled", l -> l.retryScheduled(c, next, delay, reason));
  }

  void responseHeaders(CallInfo c, int status, HttpHeaders headers) {
    each("responseHeaders", l -> l.responseHeaders(c, status, headers));
  }

  void firstChunk(CallInfo c, Duration sinceStart) {
    each("firstChunk", l -> l.firstChunk(c, sinceStart));
  }

  void outputChunk(CallInfo c, Duration sincePrevious) {
    each("outputChunk", l -> l.outputChunk(c, sincePrevious));
  }

  void usage(CallInfo c, Usage u) {
    each("usage", l -> l.usage(c, u));
  }

  void callEnd(CallInfo c, CallOutcome o) {
    each("callEnd", l -> l.callEnd(c, o));
  }

  void callFailed(CallInfo c, AiLibException e, Duration d) {
    each("callFailed", l -> l.callFailed(c, e, d));
  }

  void callCancelled(CallInfo c, Duration d) {
    each("callCancelled", l -> l.callCancelled(c, d));
  }
}
