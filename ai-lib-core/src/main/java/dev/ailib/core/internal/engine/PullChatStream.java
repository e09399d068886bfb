package dev.ailib.core.internal.engine;

import dev.ailib.api.CallStats;
import dev.ailib.api.ChatStream;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.CancelledException;
import dev.ailib.api.error.TransportException;
import dev.ailib.core.spi.telemetry.TelemetryScope;
import dev.ailib.core.spi.transport.TransportResponse;
import java.lang.ref.Cleaner;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A streamed answer pulled by iteration. The HTTP exchange is open from construction until the body ends, an
 * error ends the stream, or the caller closes or cancels it; either of the last two aborts the exchange at once
 * (from any thread). An error is delivered as a {@link StreamingEvent.StreamError} event and then thrown.
 * A body that ends without the provider's end-of-stream signal is an error (a cut connection is not an answer).
 * The call's deadline bounds every read (the transport enforces it). A stream dropped while open is freed by
 * {@link AbandonedStreams} once it is unreachable.
 */
final class PullChatStream implements ChatStream {
  private final DefaultEngine engine;
  private final CallScope scope;
  private final Open open;
  private final Cleaner.Cleanable cleanable;
  private final EventSource events;
  private final Target served;
  private final int attempts;
  private final AtomicBoolean iterated = new AtomicBoolean();

  private final StreamRecorder recorder;

  private StreamingEvent buffered;
  private AiLibException pendingError;
  private boolean done;
  private volatile CallStats stats;

  PullChatStream(DefaultEngine engine, CallScope scope, TransportResponse response, EventSource events,
      StreamingEvent first, Target served, int attempts) {
    this.engine = engine;
    this.scope = scope;
    this.events = events;
    this.served = served;
    this.attempts = attempts;
    this.open = new Open(engine, scope, response, events);
    this.recorder = new StreamRecorder(engine, scope, served, attempts);
    // cancelling (by the caller's token or the client closing) aborts the exchange at once; neither the callback
    // nor the cleaner action refers to this object, so dropping it makes it unreachable
    scope.token.onCancel(open::abort);
    this.cleanable = engine.abandoned().register(this, open);
    recorder.observe(first);
    this.buffered = first;
  }

  /**
   * What an open stream holds: its exchange and its call. Shared by the stream, the call's cancel callback and the
   * cleaner action, which runs {@link #run()} when the stream became unreachable.
   */
  private static final class Open implements Runnable {
    private final DefaultEngine engine;
    private final CallScope scope;
    private final TransportResponse response;
    private final EventSource events;
    private final AtomicBoolean finished = new AtomicBoolean();

    Open(DefaultEngine engine, CallScope scope, TransportResponse response, EventSource events) {
      this.engine = engine;
      this.scope = scope;
      this.response = response;
      this.events = events;
    }

    /** Marks the stream ended; true for the first caller only. */
    boolean finish() {
      return finished.compareAndSet(false, true);
    }

    void abort() {
      events.close();
      response.close();
    }

    void release() {
      abort();
      scope.close();
    }

    /** The stream was dropped while open. */
    @Override
    public void run() {
      if (finish()) {
        engine.abandoned().report(scope.info);
        scope.token.cancel();
        engine.fail(scope, new CancelledException("stream abandoned: it was neither closed nor read to its end"));
        release();
      }
    }
  }

  @Override
  public Iterator<StreamingEvent> iterator() {
    if (!iterated.compareAndSet(false, true)) {
      throw new IllegalStateException("a ChatStream can be iterated once");
    }
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return advance();
      }

      @Override
      public StreamingEvent next() {
        if (!advance()) {
          throw new NoSuchElementException("the stream has ended");
        }
        StreamingEvent e = buffered;
        buffered = null;
        return e;
      }
    };
  }

  private boolean advance() {
    if (buffered != null) {
      return true;
    }
    if (done) {
      if (pendingError != null) {
        throw pendingError;
      }
      return false;
    }
    StreamingEvent e;
    try (TelemetryScope ignored = engine.listeners().activate(scope.info)) {
      e = events.next();
    } catch (Throwable t) {
      return failWith(scope.failure(t));
    }
    if (e == null) {
      if (!recorder.sawEnd() && !scope.token.isCancelled()) {
        return failWith(scope.failure(new TransportException(TransportException.Kind.IO, "the stream from provider '"
            + served.provider() + "' ended before the provider signalled its end (connection cut?)", null)));
      }
      if (scope.token.isCancelled()) {
        return failWith(scope.failure(null));
      }
      done = true;
      finishOk();
      return false;
    }
    if (e instanceof StreamingEvent.StreamError se) {
      return failWith(scope.failure(se.error()));
    }
    recorder.observe(e);
    buffered = e;
    return true;
  }

  private boolean failWith(AiLibException error) {
    done = true;
    pendingError = error;
    buffered = new StreamingEvent.StreamError(error);
    if (open.finish()) {
      spentSoFar();
      engine.fail(scope, error);
      end();
    }
    return true;
  }

  /** A stream that did not complete still spent the tokens its provider reported so far. */
  private void spentSoFar() {
    recorder.spentSoFar();
  }

  private void finishOk() {
    if (!open.finish()) {
      return;
    }
    stats = recorder.finish();
    end();
  }

  /** Frees the exchange and the call, and drops the cleaner registration (its action does nothing now). */
  private void end() {
    open.release();
    cleanable.clean();
  }

  @Override
  public void cancel() {
    scope.token.cancel();
  }

  @Override
  public Optional<CallStats> stats() {
    return Optional.ofNullable(stats);
  }

  @Override
  public void close() {
    if (open.finish()) {
      scope.token.cancel();
      spentSoFar();
      engine.fail(scope, new CancelledException("stream closed by the caller before it ended"));
      end();
    }
  }

  @Override
  public String toString() {
    return "ChatStream[" + served.provider() + "/" + served.model() + (open.finished.get() ? ", ended" : ", open")
        + "]";
  }
}
