package dev.ailib.core.internal.engine;

import dev.ailib.api.CallStats;
import dev.ailib.api.CancelToken;
import dev.ailib.api.ChatRequest;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.CancelledException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.api.error.TransportException;
import dev.ailib.core.internal.resilience.Resilience;
import dev.ailib.core.internal.stream.StreamSession;
import dev.ailib.core.spi.telemetry.TelemetryScope;
import dev.ailib.core.spi.transport.BodySubscription;
import dev.ailib.core.spi.transport.HttpHeaders;
import dev.ailib.core.spi.transport.ResponseReceiver;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A streamed answer pushed to a {@link Sink} (the push form's handler, a publisher's subscriber) without a thread
 * per stream: attempts run through {@link Resilience#runAsync}, each one a
 * {@link dev.ailib.core.spi.transport.Transport#exchange} whose response the transport pushes to an {@link Attempt};
 * the bytes are decoded by the manifest's stream pipeline and the events handed to the sink. All of it happens in
 * one serial <em>drain</em> per stream, a short task on the client's delivery threads ({@link EngineThreads#execute})
 * that runs whenever something arrived (bytes, the end, a failure, demand, a cancel) and returns as soon as it would
 * have to wait. Nothing waits on a thread: a stream between two chunks costs its objects and its connection, not a
 * thread.
 *
 * <p>Back-pressure: one piece of the body is requested from the transport at a time, and the next one only when
 * every event decoded from the last piece was delivered, and a sink that is not {@linkplain Sink#ready() ready}
 * (a publisher's subscriber without demand) stops the drain until it asks for more. So a slow sink slows the reading
 * of the body (and through TCP the server), buffering is bounded by one piece and its events, and a publisher never
 * delivers more events than were requested.
 *
 * <p>The same rules as a pull stream: the attempt is "send, headers, read up to the first event", so failures before
 * any output are retried or fall back; events are reported to telemetry before the sink sees them; every stream
 * ends with exactly one {@code StreamEnd} or error; cancelling the call (the caller's token, the client closing)
 * aborts the exchange at once; the call's deadline is enforced by the transport. Thread-safe.
 *
 * @see dev.ailib.core.spi.transport.Transport#exchange
 */
final class AsyncStream {

  /** Where the events of a stream go. Called on the stream's drain only: one call at a time, in order. */
  interface Sink {
    /** Whether an event may be delivered now (a publisher's demand). */
    boolean ready();

    /**
     * One event, a {@code StreamEnd} last on success (errors go to {@link #error}).
     *
     * @param event the event
     * @throws RuntimeException when the receiver failed: the stream is aborted and {@link #error} follows
     */
    void next(StreamingEvent event);

    /**
     * The stream ended normally.
     *
     * @param stats its figures
     */
    void complete(CallStats stats);

    /**
     * The stream failed, was cancelled, or the receiver failed.
     *
     * @param error the error
     * @param receiverFailed whether the error is the receiver's own failure in {@link #next}
     */
    void error(AiLibException error, boolean receiverFailed);
  }

  private enum Mode { OPENING, OPEN, DONE }

  private final DefaultEngine engine;
  private final CallScope scope;
  private final Sink sink;
  private final Executor blocking;
  private final Runnable drainTask;
  private final AtomicInteger wip = new AtomicInteger();

  // written by other threads (transport, resilience, sink), read by the drain
  private volatile Resilience.Outcome<Attempt, Target> outcome;
  private volatile Throwable openFailure;
  private volatile boolean cancelled;

  // the drain's own
  private Mode mode = Mode.OPENING;
  private volatile Attempt current;
  private Attempt open;
  private StreamRecorder recorder;

  private AsyncStream(DefaultEngine engine, CallScope scope, Sink sink) {
    this.engine = engine;
    this.scope = scope;
    this.sink = sink;
    this.blocking = engine.blockingExecutor(scope);
    // made on the caller's thread: every drain runs with the caller's telemetry context (a tracing parent)
    this.drainTask = engine.listeners().propagateContext(this::drain);
  }

  /**
   * Checks, encodes and starts a streamed call whose events go to the sink; returns at once. A request that fails
   * its checks, or a closed client, reaches the sink's {@link Sink#error} on a client thread.
   *
   * @param engine the engine
   * @param request the request
   * @param userToken the caller's token (cancels the call)
   * @param sink receives the events
   * @return the stream, or null when it could not start (the sink was told why)
   */
  static AsyncStream start(DefaultEngine engine, ChatRequest request, CancelToken userToken, Sink sink) {
    CallPlan<ChatRequest> plan;
    CallScope scope;
    try {
      plan = engine.plan(request, true);
      scope = engine.beginStream(request, plan, userToken);
    } catch (AiLibException e) {
      engine.submit(() -> sink.error(e, false), rejected -> sink.error(e, false));
      return null;
    }
    AsyncStream s = new AsyncStream(engine, scope, sink);
    scope.token.onCancel(s::cancel);
    CompletableFuture<Resilience.Outcome<Attempt, Target>> run;
    try (TelemetryScope ignored = engine.listeners().activate(scope.info)) {
      run = engine.attempts().resilience().runAsync(plan.targets(), (t, n) -> s.attempt(plan.prepared(t)),
          scope.deadline, scope.token, engine.attempts().observer(scope, 0), s.blocking);
    } catch (RuntimeException e) {
      run = CompletableFuture.failedFuture(e);
    }
    run.whenComplete((o, e) -> {
      if (e != null) {
        s.openFailure = unwrap(e);
      } else {
        s.outcome = o;
      }
      s.signal();
    });
    return s;
  }

  /** One attempt: starts its exchange; completes once the first event decides it. */
  private CompletionStage<Attempt> attempt(Prepared prepared) {
    Target target = prepared.target();
    engine.pipelines().prepare(target); // a streaming section that does not compile fails here, before any request
    Attempt a = new Attempt(target);
    current = a;
    if (scope.token.isCancelled()) {
      throw scope.failure(null);
    }
    engine.attempts().exchange().start(scope, prepared, blocking, a);
    return a.opened;
  }

  /** Runs the drain soon (now, if it is not running; else right after the current pass). */
  void signal() {
    if (wip.getAndIncrement() == 0) {
      try {
        engine.threads().execute(drainTask);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        drain(); // the client is closing (its calls are cancelled): end the stream here
      }
    }
  }

  /** The call was cancelled (the caller's token, the sink, the client closing). */
  private void cancel() {
    cancelled = true;
    signal();
  }

  private void drain() {
    int missed = 1;
    do {
      try (TelemetryScope ignored = engine.listeners().activate(scope.info)) {
        step();
      } catch (RuntimeException e) {
        if (mode != Mode.DONE) {
          failWith(new AiLibException(StandardErrorCode.UNKNOWN, "stream failed: " + e.getClass().getName(), e),
              false);
        }
      }
      missed = wip.addAndGet(-missed);
    } while (missed != 0);
  }

  private void step() {
    if (mode == Mode.DONE) {
      return;
    }
    if (mode == Mode.OPENING) {
      Throwable failed = openFailure;
      if (failed != null) {
        mode = Mode.DONE;
        AiLibException e = engine.fail(scope, failed);
        scope.close();
        sink.error(e, false);
        return;
      }
      Resilience.Outcome<Attempt, Target> o = outcome;
      if (o == null) {
        Attempt a = current;
        if (a != null) {
          // completing its future runs the policies right here: a retry's exchange starts, or the outcome is set
          // (which signals this drain, so the next pass goes on with it)
          a.open();
        }
        return;
      }
      mode = Mode.OPEN;
      open = o.value();
      recorder = new StreamRecorder(engine, scope, o.target(), o.attempts());
    }
    deliver();
  }

  /** Hands decoded events to the sink while it is ready; reads more when none is left. */
  private void deliver() {
    Attempt a = open;
    while (true) {
      if (cancelled) {
        a.abort();
        failWith(scope.failure(null), false);
        return;
      }
      if (!a.events.isEmpty()) {
        if (!sink.ready()) {
          return; // a publisher without demand: its next request(n) signals the drain
        }
        StreamingEvent e = a.events.poll();
        if (e instanceof StreamingEvent.StreamError se) {
          a.abort();
          failWith(scope.failure(se.error()), false);
          return;
        }
        recorder.observe(e);
        try {
          sink.next(e);
        } catch (RuntimeException receiverFailure) {
          a.abort();
          recorder.spentSoFar();
          engine.fail(scope, new CancelledException("stream aborted: its receiver threw "
              + receiverFailure.getClass().getName()));
          mode = Mode.DONE;
          scope.close();
          sink.error(new AiLibException(StandardErrorCode.UNKNOWN, "the stream handler threw "
              + receiverFailure.getClass().getName() + "; stream aborted", receiverFailure), true);
          return;
        }
        if (e instanceof StreamingEvent.StreamEnd) {
          mode = Mode.DONE;
          a.finished();
          CallStats stats = recorder.finish();
          scope.close();
          sink.complete(stats);
          return;
        }
        continue;
      }
      a.pump();
      if (a.events.isEmpty()) {
        if (a.failure != null) {
          failWith(scope.failure(a.failure), false);
        } else if (a.session.isTerminated()) {
          // the terminal event was delivered without a StreamEnd (cannot happen: sessions end with one)
          failWith(scope.failure(new TransportException(TransportException.Kind.IO, "the stream from provider '"
              + recorder.served().provider() + "' ended before the provider signalled its end", null)), false);
        }
        return; // waiting for bytes: the transport signals the drain when the requested piece arrives
      }
    }
  }

  private void failWith(AiLibException error, boolean receiverFailed) {
    mode = Mode.DONE;
    if (recorder != null) {
      recorder.spentSoFar(); // what the provider reported before the failure was spent
    }
    engine.fail(scope, error);
    scope.close();
    sink.error(error, receiverFailed);
  }

  private static Throwable unwrap(Throwable t) {
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /**
   * One attempt's exchange: receives the pushed response (transport threads write the volatile fields and signal
   * the drain), reads an error status's body, decodes a stream's bytes into events.
   */
  private final class Attempt implements ResponseReceiver {
    final Target target;
    final CompletableFuture<Attempt> opened = new CompletableFuture<>();
    private volatile BodySubscription body;
    private volatile HttpHeaders headers;
    private volatile int status = -1;
    private volatile ByteBuffer chunk;
    private volatile boolean ended;
    private volatile TransportException failure;

    // the drain's own
    private boolean headSeen;
    private boolean decided;
    private boolean requested;
    private boolean stopped;
    private ByteArrayOutputStream errorBody;
    private StreamSession session;
    final ArrayDeque<StreamingEvent> events = new ArrayDeque<>();
    private final Consumer<StreamingEvent> enqueue = events::add;
    private byte[] copy;

    Attempt(Target target) {
      this.target = target;
    }

    // ---- transport side

    @Override
    public void onResponse(int status, HttpHeaders headers, BodySubscription body) {
      this.body = body;
      this.headers = headers;
      this.status = status;
      signal();
    }

    @Override
    public void onBody(ByteBuffer chunk) {
      this.chunk = chunk;
      signal();
    }

    @Override
    public void onComplete() {
      ended = true;
      signal();
    }

    @Override
    public void onFailure(TransportException failure) {
      this.failure = failure;
      signal();
    }

    // ---- drain side

    /** Makes progress until the attempt is decided: its first event, or its failure. */
    void open() {
      if (decided) {
        return;
      }
      if (!headSeen) {
        if (status < 0) {
          if (failure != null) {
            decide(target.redactor().apply(scope.failure(failure)));
          }
          return;
        }
        headSeen = true;
        engine.attempts().exchange().headers(scope, status, headers);
        if (status >= 300) {
          errorBody = new ByteArrayOutputStream();
        } else {
          session = engine.pipelines().session(target);
        }
      }
      if (errorBody != null) {
        readErrorBody();
        return;
      }
      pump();
      if (!events.isEmpty()) {
        StreamingEvent first = events.peek();
        if (first instanceof StreamingEvent.StreamError se) {
          abort();
          decide(scope.failure(se.error()));
        } else {
          decided = true;
          opened.complete(this);
        }
      } else if (failure != null) {
        decide(target.redactor().apply(scope.failure(failure)));
      }
    }

    private void decide(AiLibException failed) {
      decided = true;
      opened.completeExceptionally(failed);
    }

    /** Reads at most {@value Exchange#MAX_ERROR_BODY} bytes of an error status's body, then fails the attempt. */
    private void readErrorBody() {
      while (true) {
        ByteBuffer c = chunk;
        if (c != null) {
          chunk = null;
          requested = false;
          int n = Math.min(c.remaining(), Exchange.MAX_ERROR_BODY - errorBody.size());
          byte[] b = new byte[n];
          c.get(b);
          errorBody.write(b, 0, n);
          if (errorBody.size() >= Exchange.MAX_ERROR_BODY) {
            abort();
            break;
          }
          continue;
        }
        if (ended) {
          break;
        }
        if (failure != null) {
          errorBody.reset(); // a broken error body is no body, as on the blocking path
          break;
        }
        if (!requested) {
          requested = true;
          body.request(1);
          continue;
        }
        return;
      }
      decide(engine.attempts().exchange().error(target, status, headers, errorBody.toByteArray()));
    }

    /**
     * Decodes until events are queued, the body needs more bytes (one piece is then requested) or it failed. The
     * done signal releases the body at once (a short rest is drained, so the connection is kept).
     */
    void pump() {
      while (events.isEmpty() && !session.isTerminated()) {
        if (session.inputDone()) {
          release();
          session.finish(enqueue);
          continue;
        }
        ByteBuffer c = chunk;
        if (c != null) {
          chunk = null;
          requested = false;
          feed(c);
          continue;
        }
        if (failure != null) {
          return;
        }
        if (ended) {
          session.finish(enqueue);
          continue;
        }
        if (!requested) {
          requested = true;
          body.request(1); // may deliver at once: the loop looks again
          continue;
        }
        return;
      }
    }

    private void feed(ByteBuffer c) {
      int n = c.remaining();
      if (c.hasArray()) {
        session.onBytes(c.array(), c.arrayOffset() + c.position(), n, enqueue);
        return;
      }
      if (copy == null || copy.length < n) {
        copy = new byte[Math.max(8192, n)];
      }
      c.get(copy, 0, n);
      session.onBytes(copy, 0, n, enqueue);
    }

    /** The stream ended normally: a body not yet at its end is released (its short rest drained). */
    void finished() {
      release();
    }

    private void release() {
      if (!stopped && !ended && body != null) {
        stopped = true;
        body.release();
      }
    }

    /** Aborts the exchange (a cancel, an error, a receiver's failure). */
    void abort() {
      if (!stopped && !ended && body != null) {
        stopped = true;
        body.cancel();
      }
      events.clear();
    }
  }
}
