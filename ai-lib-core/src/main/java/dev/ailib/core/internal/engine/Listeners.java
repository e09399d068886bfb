package dev.ailib.core.internal.engine;

import dev.ailib.api.ChatResponse;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.Usage;
import dev.ailib.api.error.AiLibException;
import dev.ailib.core.spi.telemetry.CallInfo;
import dev.ailib.core.spi.telemetry.CallOutcome;
import dev.ailib.core.spi.telemetry.TelemetryListener;
import dev.ailib.core.spi.telemetry.TelemetryScope;
import dev.ailib.core.spi.transport.HttpHeaders;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
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

  /** Wraps a task handed to another thread so that each listener's caller context travels with it. */
  Runnable propagateContext(Runnable task) {
    Runnable wrapped = task;
    for (TelemetryListener l : listeners) {
      try {
        Runnable w = l.propagateContext(wrapped);
        if (w != null) {
          wrapped = w;
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "telemetry listener " + l.getClass().getName()
            + " failed in propagateContext (ignored): " + e.getClass().getName());
      }
    }
    return wrapped;
  }

  private void each(String event, Consumer<TelemetryListener> action) {
    for (int i = 0, n = listeners.size(); i < n; i++) {
      TelemetryListener l = listeners.get(i);
      try {
        action.accept(l);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "telemetry listener " + l.getClass().getName() + " failed in " + event
            + " (ignored): " + e.getClass().getName());
      }
    }
  }

  void toolRound(long runId, dev.ailib.api.ToolRound round) {
    if (!listeners.isEmpty()) {
      each("toolRound", l -> l.toolRound(runId, round));
    }
  }

  void callStart(CallInfo c) {
    if (!listeners.isEmpty()) { // no lambda or iterator per event when nobody listens
      each("callStart", l -> l.callStart(c));
    }
  }

  void attemptStart(CallInfo c, int attempt, String provider, String model) {
    if (!listeners.isEmpty()) { // no lambda or iterator per event when nobody listens
      each("attemptStart", l -> l.attemptStart(c, attempt, provider, model));
    }
  }

  void retryScheduled(CallInfo c, int next, Duration delay, AiLibException reason) {
    if (!listeners.isEmpty()) { // no lambda or iterator per event when nobody listens
      each("retryScheduled", l -> l.retryScheduled(c, next, delay, reason));
    }
  }

  void responseHeaders(CallInfo c, int status, HttpHeaders headers) {
    if (!listeners.isEmpty()) { // no lambda or iterator per event when nobody listens
      each("responseHeaders", l -> l.responseHeaders(c, status, headers));
    }
  }

  void firstChunk(CallInfo c, Duration sinceStart) {
    if (!listeners.isEmpty()) { // no lambda or iterator per event when nobody listens
      each("firstChunk", l -> l.firstChunk(c, sinceStart));
    }
  }

  void outputChunk(CallInfo c, Duration sincePrevious) {
    if (!listeners.isEmpty()) { // no lambda or iterator per event when nobody listens
      each("outputChunk", l -> l.outputChunk(c, sincePrevious));
    }
  }

  void usage(CallInfo c, Usage u) {
    if (!listeners.isEmpty()) { // no lambda or iterator per event when nobody listens
      each("usage", l -> l.usage(c, u));
    }
  }

  void callEnd(CallInfo c, CallOutcome o) {
    if (!listeners.isEmpty()) { // no lambda or iterator per event when nobody listens
      each("callEnd", l -> l.callEnd(c, o));
    }
  }

  void callFailed(CallInfo c, AiLibException e, Duration d) {
    if (!listeners.isEmpty()) { // no lambda or iterator per event when nobody listens
      each("callFailed", l -> l.callFailed(c, e, d));
    }
  }

  void callCancelled(CallInfo c, Duration d) {
    if (!listeners.isEmpty()) { // no lambda or iterator per event when nobody listens
      each("callCancelled", l -> l.callCancelled(c, d));
    }
  }

  void streamEvent(CallInfo c, StreamingEvent e) {
    if (!listeners.isEmpty()) { // no lambda or iterator per event when nobody listens
      each("streamEvent", l -> l.streamEvent(c, e));
    }
  }

  void response(CallInfo c, ChatResponse r) {
    if (!listeners.isEmpty()) { // no lambda or iterator per event when nobody listens
      each("response", l -> l.response(c, r));
    }
  }

  /** Makes every listener's context current on this thread; the scope restores them in reverse order. */
  TelemetryScope activate(CallInfo c) {
    if (listeners.isEmpty()) {
      return TelemetryScope.NONE;
    }
    List<TelemetryScope> scopes = new ArrayList<>(listeners.size());
    for (TelemetryListener l : listeners) {
      try {
        TelemetryScope s = l.activate(c);
        if (s != null) {
          scopes.add(s);
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "telemetry listener " + l.getClass().getName() + " failed in activate (ignored): "
            + e.getClass().getName());
      }
    }
    return () -> {
      for (int i = scopes.size() - 1; i >= 0; i--) {
        try {
          scopes.get(i).close();
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "telemetry scope failed to close (ignored): " + e.getClass().getName());
        }
      }
    };
  }
}
