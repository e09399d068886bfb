package dev.ailib.core.internal.engine;

import dev.ailib.api.CallStats;
import dev.ailib.api.CancelToken;
import dev.ailib.api.ChatRequest;
import dev.ailib.api.ChatResponse;
import dev.ailib.api.ChatResult;
import dev.ailib.api.ChatStream;
import dev.ailib.api.StreamHandler;
import dev.ailib.api.StreamSubscription;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.StructuredOptions;
import dev.ailib.api.StructuredResult;
import dev.ailib.api.StructuredStream;
import dev.ailib.api.ToolRunOptions;
import dev.ailib.api.ToolRunResult;
import dev.ailib.api.ToolRunStream;
import dev.ailib.api.ToolSet;
import dev.ailib.api.TypeRef;
import dev.ailib.api.Timeouts;
import dev.ailib.api.Usage;
import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.CancelledException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.api.spi.ClientConfig;
import dev.ailib.api.spi.ClientEngine;
import dev.ailib.core.internal.discovery.Discovery;
import dev.ailib.core.internal.discovery.SelectedTransport;
import dev.ailib.core.internal.response.ErrorClassifier;
import dev.ailib.core.internal.response.RequestIds;
import dev.ailib.core.internal.resilience.Resilience;
import dev.ailib.core.internal.structured.StructuredCalls;
import dev.ailib.core.internal.tools.ToolRunner;
import dev.ailib.core.spi.Clock;
import dev.ailib.core.spi.Environment;
import dev.ailib.core.spi.Interceptor;
import dev.ailib.core.spi.telemetry.CallInfo;
import dev.ailib.core.spi.telemetry.CallOutcome;
import dev.ailib.core.spi.telemetry.TelemetryScope;
import dev.ailib.core.spi.transport.TransportConfig;
import dev.ailib.core.spi.transport.TransportRequest;
import dev.ailib.core.spi.transport.TransportResponse;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The standard engine. Data flow of one call: resolve the target (manifest, codec, credential), check capabilities
 * and parameters, encode; then through {@link Resilience} (targets: the primary model, then the fallback chain),
 * per attempt: build the HTTP request, run the interceptors and the transport, classify error responses; decode
 * the answer (non-streaming) or hand the body to the stream pipeline. Every call has a whole-call timeout, may be
 * cancelled from any thread, and reports to the telemetry listeners in their documented order.
 *
 * <p>Threads: a pool for {@code executeAsync} and push streams that grows on demand (one thread per running call,
 * up to {@value #MAX_ASYNC_THREADS}), and one timer thread for call timeouts;
 * both are created on first use, idle threads end after a few seconds, and {@link #close()} stops them and
 * cancels every call in flight.
 */
final class DefaultEngine implements ClientEngine {
  private static final Logger LOG = System.getLogger(DefaultEngine.class.getName());
  private static final AtomicLong CALL_IDS = new AtomicLong();
  private static final AtomicInteger CLIENT_IDS = new AtomicInteger();
  /**
   * Async calls and push streams each hold a thread while they run (transports block), so the pool grows on
   * demand up to this bound instead of queueing: a long push stream must never wait behind others.
   */
  static final int MAX_ASYNC_THREADS = 2048;
  private static final int MAX_ERROR_BODY = 64 * 1024;

  private final String model;
  private final ModelRef primary;
  private final List<ModelRef> fallbacks;
  private final TargetResolver resolver;
  private final SelectedTransport transport;
  private final List<Interceptor> interceptors;
  private final Listeners listeners;
  private final Resilience resilience;
  private final Timeouts timeouts;
  private final Clock clock;
  private final int clientId = CLIENT_IDS.incrementAndGet();
  private final Set<CallScope> active = ConcurrentHashMap.newKeySet();
  private final StreamPipelines pipelines = new StreamPipelines();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Object poolLock = new Object();
  private final StructuredCalls structured;
  private final ToolRunner toolRunner;
  private ThreadPoolExecutor pool;
  private ScheduledThreadPoolExecutor timer;

  DefaultEngine(ClientConfig config, Discovery discovery,
      java.util.function.BiFunction<ClientConfig, Environment, Resilience> resilienceFactory) {
    this.model = config.model();
    this.primary = ModelRef.parse(config.model());
    List<ModelRef> fb = new ArrayList<>();
    for (String m : config.fallbackModels()) {
      fb.add(ModelRef.parse(m));
    }
    this.fallbacks = List.copyOf(fb);
    this.timeouts = config.timeouts() == null ? Timeouts.DEFAULTS : config.timeouts();
    this.clock = config.components(Clock.class).stream().findFirst().orElse(Clock.system());
    Environment env = Discovery.environment(config);
    this.resilience = resilienceFactory.apply(config, env);
    dev.ailib.core.spi.protocol.ProtocolSource source = discovery.protocolSource(config, env);
    this.resolver = new TargetResolver(source, env, primary.provider(), config,
        config.baseUrl());
    // fail fast: unknown provider, missing credential or unsupported wire style are build errors
    resolver.resolve(primary);
    for (ModelRef f : fallbacks) {
      resolver.resolve(f);
    }
    this.interceptors = config.components(Interceptor.class);
    this.listeners = new Listeners(discovery.telemetry(config));
    this.transport = discovery.transport(config, TransportConfig.DEFAULTS.withTimeouts(timeouts));
    this.structured = new StructuredCalls(this, source::manifest);
    this.toolRunner = new ToolRunner(this, listeners::toolRound);
  }

  // ---------------------------------------------------------------- execute

  @Override
  public ChatResult execute(ChatRequest request, CancelToken cancel) {
    Prepared first = prepare(request, primary, false);
    return run(request, first, begin(request, first.target(), false, cancel));
  }

  /** Runs a started call to its end (on the caller's thread, or a pool thread for executeAsync). */
  private ChatResult run(ChatRequest request, Prepared first, CallScope scope) {
    try (TelemetryScope ignored = listeners.activate(scope.info)) {
      Resilience.Outcome<ChatResponse> o = resilience.run(targets(first),
          (t, n, attemptCancel) -> attempt(scope, request, t, attemptCancel), scope.token, observer(scope));
      ChatResponse response = o.value();
      long latency = scope.elapsed().toMillis();
      Usage u = response.usage();
      CallStats stats = new CallStats(u.totalTokens(), u.promptTokens(), u.completionTokens(), latency,
          hasOutput(response) ? latency : -1, o.target().model(), o.target().provider(), o.attempts());
      if (!u.equals(Usage.EMPTY)) {
        listeners.usage(scope.info, u);
      }
      listeners.response(scope.info, response);
      listeners.callEnd(scope.info, new CallOutcome(response.model(), response.id(),
          List.of(response.finishReason().wireName()), u, stats));
      return new ChatResult(response, stats);
    } catch (Throwable t) {
      throw fail(scope, t);
    } finally {
      scope.close();
    }
  }

  private static boolean hasOutput(ChatResponse r) {
    return !r.content().isEmpty() || r.hasToolCalls() || !r.thinking().isEmpty();
  }

  private ChatResponse attempt(CallScope scope, ChatRequest request, Resilience.Target rt, CancelToken attemptCancel) {
    Prepared p = prepared(request, rt, false);
    TransportResponse resp = send(scope, p, false, attemptCancel);
    try (resp) {
      // parsed as it is read, keeping only what the codec reads: memory does not grow with the body
      return TextToolCalling.apply(request, p.target().manifest(),
          p.target().codec().decode(resp.body(), p.target().manifest(), RequestIds.fromHeaders(resp.headers())));
    } catch (java.io.UncheckedIOException e) {
      throw p.target().redactor().apply(scope.failure(e));
    } catch (AiLibException e) {
      throw p.target().redactor().apply(e); // a decoded answer's errors may quote what the provider echoed
    }
  }

  // ---------------------------------------------------------------- shared attempt steps

  Prepared prepare(ChatRequest request, ModelRef ref, boolean stream) {
    ensureOpen();
    return Prepared.of(request, resolver.resolve(ref), stream);
  }

  private Prepared prepared(ChatRequest request, Resilience.Target rt, boolean stream) {
    if (rt.handle() instanceof Prepared p) {
      return p;
    }
    return Prepared.of(request, (Target) rt.handle(), stream);
  }

  private List<Resilience.Target> targets(Prepared first) {
    List<Resilience.Target> list = new ArrayList<>();
    Target t = first.target();
    list.add(new Resilience.Target(t.provider(), t.modelId(), t.baseUrl().toString(), first, t.manifest().retry()));
    for (ModelRef f : fallbacks) {
      Target ft = resolver.resolve(f);
      list.add(new Resilience.Target(f.provider(), f.model(), ft.baseUrl().toString(), ft, ft.manifest().retry()));
    }
    return list;
  }

  private Resilience.AttemptObserver observer(CallScope scope) {
    return new Resilience.AttemptObserver() {
      @Override
      public void attemptStart(Resilience.Target target, int attempt) {
        listeners.attemptStart(scope.info, attempt, target.provider(), target.model());
      }

      @Override
      public void retryScheduled(int nextAttempt, Duration delay, AiLibException reason) {
        listeners.retryScheduled(scope.info, nextAttempt, delay, reason);
      }
    };
  }

  /** Sends one attempt and returns a successful response (headers read); error statuses are classified and thrown. */
  TransportResponse send(CallScope scope, Prepared p, boolean stream, CancelToken attemptCancel) {
    if (scope.token.isCancelled()) {
      throw scope.failure(null);
    }
    TransportRequest req = RequestFactory.build(p.target(), stream, p.body(), p.headers());
    // the exchange ends when the attempt is cancelled (its timeout) or the call is (caller, call timeout, close)
    CancelToken exchange = new CancelToken();
    attemptCancel.onCancel(exchange::cancel);
    scope.token.onCancel(exchange::cancel);
    TransportResponse resp;
    try {
      resp = new InterceptorChain(interceptors, 0, req, scope.info, transport.transport(), exchange).proceed(req);
    } catch (RuntimeException e) {
      throw p.target().redactor().apply(scope.failure(e));
    }
    listeners.responseHeaders(scope.info, resp.status(), resp.headers());
    if (resp.status() >= 300) {
      try (resp) {
        byte[] body;
        try {
          body = readAll(resp.body(), MAX_ERROR_BODY, resp.headers());
        } catch (IOException | RuntimeException e) {
          body = new byte[0];
        }
        Target t = p.target();
        throw ErrorClassifier.fromHttp(resp.status(), resp.headers(), body, t.manifest(), clock.instant())
            .toException(t.origin().describe(), t.redactor());
      }
    }
    return resp;
  }

  /** Largest Content-Length taken as a size hint; a bigger (or lying) header just means reading in steps. */
  private static final int MAX_LENGTH_HINT = 8 * 1024 * 1024;

  /**
   * Reads a body to its end, or its first {@code max} bytes. With a Content-Length (the usual non-streaming
   * answer) the bytes go straight into an array of that size; without one, {@link InputStream#readNBytes(int)}.
   */
  static byte[] readAll(InputStream in, long max, dev.ailib.core.spi.transport.HttpHeaders headers)
      throws IOException {
    int limit = (int) Math.min(max, Integer.MAX_VALUE - 8);
    long hint = contentLength(headers);
    if (hint < 0 || hint > Math.min(limit, MAX_LENGTH_HINT)) {
      return in.readNBytes(limit);
    }
    byte[] exact = new byte[(int) hint];
    int n = in.readNBytes(exact, 0, exact.length);
    if (n < exact.length) {
      return java.util.Arrays.copyOf(exact, n); // the body was shorter than announced
    }
    if (n == limit) {
      return exact;
    }
    int next = in.read();
    if (next < 0) {
      return exact;
    }
    // longer than announced: keep reading up to the limit
    byte[] rest = in.readNBytes(limit - n - 1);
    byte[] all = java.util.Arrays.copyOf(exact, n + 1 + rest.length);
    all[n] = (byte) next;
    System.arraycopy(rest, 0, all, n + 1, rest.length);
    return all;
  }

  private static long contentLength(dev.ailib.core.spi.transport.HttpHeaders headers) {
    if (headers == null) {
      return -1;
    }
    String v = headers.first("Content-Length").orElse(null);
    if (v == null) {
      return -1;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  // ---------------------------------------------------------------- call bookkeeping

  CallScope begin(ChatRequest request, Target target, boolean stream, CancelToken userToken) {
    ensureOpen();
    CallInfo info = new CallInfo(CALL_IDS.incrementAndGet(), "chat", target.provider(), target.modelId(), request,
        stream, target.baseUrl().getHost(), port(target));
    long start = System.nanoTime();
    CallScope[] holder = new CallScope[1];
    CallScope scope = new CallScope(info, userToken, timeouts.call(), start, () -> active.remove(holder[0]));
    holder[0] = scope;
    active.add(scope);
    if (closed.get()) {
      scope.clientClosing();
    }
    listeners.callStart(info);
    try {
      scope.deadline(timer().schedule(scope::timeOut, timeouts.call().toNanos(), TimeUnit.NANOSECONDS));
    } catch (RejectedExecutionException e) {
      scope.clientClosing();
    }
    return scope;
  }

  private static int port(Target t) {
    int p = t.baseUrl().getPort();
    if (p > 0) {
      return p;
    }
    return "http".equalsIgnoreCase(t.baseUrl().getScheme()) ? 80 : 443;
  }

  /** Reports a failed call to telemetry and returns the exception for the caller. */
  AiLibException fail(CallScope scope, Throwable t) {
    if (t instanceof Error error) {
      // an OutOfMemoryError or StackOverflowError is the JVM's state, not the call's outcome: never wrapped
      scope.close();
      throw error;
    }
    AiLibException e = scope.failure(t);
    if (e instanceof CancelledException) {
      listeners.callCancelled(scope.info, scope.elapsed());
    } else {
      listeners.callFailed(scope.info, e, scope.elapsed());
    }
    return e;
  }

  Listeners listeners() {
    return listeners;
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new CancelledException("the client is closed");
    }
  }

  // ---------------------------------------------------------------- async, stream, push

  @Override
  public CompletableFuture<ChatResult> executeAsync(ChatRequest request, CancelToken cancel) {
    CompletableFuture<ChatResult> future = new CompletableFuture<>() {
      @Override
      public boolean cancel(boolean mayInterruptIfRunning) {
        boolean done = super.cancel(mayInterruptIfRunning);
        cancel.cancel();
        return done;
      }
    };
    Prepared first;
    CallScope scope;
    try {
      // checked and started on the caller's thread, so callStart sees the caller's context (tracing parent)
      first = prepare(request, primary, false);
      scope = begin(request, first.target(), false, cancel);
    } catch (RuntimeException e) {
      future.completeExceptionally(e);
      return future;
    }
    submit(() -> {
      try {
        future.complete(run(request, first, scope));
      } catch (Throwable t) {
        future.completeExceptionally(t);
      }
    }, e -> {
      AiLibException reported = fail(scope, e);
      scope.close();
      future.completeExceptionally(reported);
    });
    return future;
  }

  @Override
  public ChatStream stream(ChatRequest request, CancelToken cancel) {
    Prepared first = prepare(request, primary, true);
    CallScope scope = begin(request, first.target(), true, cancel);
    try (TelemetryScope ignored = listeners.activate(scope.info)) {
      Resilience.Outcome<OpenStream> o = resilience.run(targets(first),
          (t, n, attemptCancel) -> openStream(scope, request, t, attemptCancel), scope.token, observer(scope));
      OpenStream open = o.value();
      return new PullChatStream(this, scope, open.response(), open.events(), open.first(), o.target(), o.attempts());
    } catch (Throwable t) {
      AiLibException e = fail(scope, t);
      scope.close();
      throw e;
    }
  }

  /** An opened stream whose first event is read but not yet delivered. */
  private record OpenStream(TransportResponse response, EventSource events, StreamingEvent first) {
  }

  /**
   * One streaming attempt: send, receive the headers and read up to the first event, so that failures before
   * any output (an error status, an error frame first, a cut before the first event) can be retried.
   */
  private OpenStream openStream(CallScope scope, ChatRequest request, Resilience.Target rt, CancelToken attemptCancel) {
    Prepared p = prepared(request, rt, true);
    pipelines.prepare(p.target()); // a streaming section that does not compile fails here, before any request
    TransportResponse resp = send(scope, p, true, attemptCancel);
    EventSource events = pipelines.open(p.target(), resp.body());
    StreamingEvent first;
    try {
      first = events.next();
    } catch (Throwable t) {
      events.close();
      resp.close();
      throw scope.failure(t);
    }
    if (first == null || first instanceof StreamingEvent.StreamError) {
      events.close();
      resp.close();
      throw first == null ? new dev.ailib.api.error.TransportException(
          dev.ailib.api.error.TransportException.Kind.IO, "the stream from provider '" + p.target().provider()
              + "' ended before its first event", null)
          : scope.failure(((StreamingEvent.StreamError) first).error());
    }
    return new OpenStream(resp, events, first);
  }

  // ---------------------------------------------------------------- typed answers and tool runs (delegated)

  @Override
  public <T> StructuredResult<T> executeAs(ChatRequest request, TypeRef<T> type, StructuredOptions options,
      CancelToken cancel) {
    return structured.execute(request, type, options, cancel);
  }

  @Override
  public <T> StructuredStream<T> streamAs(ChatRequest request, TypeRef<T> type, StructuredOptions options,
      CancelToken cancel) {
    return structured.stream(request, type, options, cancel);
  }

  @Override
  public ToolRunResult runTools(ChatRequest request, List<ToolSet> toolSets, ToolRunOptions options,
      CancelToken cancel) {
    return toolRunner.run(request, toolSets, options, cancel);
  }

  @Override
  public ToolRunStream streamTools(ChatRequest request, List<ToolSet> toolSets, ToolRunOptions options,
      CancelToken cancel) {
    return toolRunner.stream(request, toolSets, options, cancel);
  }

  @Override
  public StreamSubscription push(ChatRequest request, StreamHandler handler) {
    return PushStream.start(this, request, handler);
  }

  @Override
  public Flow.Publisher<StreamingEvent> publisher(ChatRequest request) {
    return new EventPublisher(this, request);
  }

  /** Runs a task on the engine's bounded pool; when the pool is full or closed, {@code rejected} gets the error. */
  void submit(Runnable task, java.util.function.Consumer<AiLibException> rejected) {
    try {
      pool().execute(listeners.propagateContext(task)); // on the caller's thread: its tracing context goes along
    } catch (RejectedExecutionException e) {
      rejected.accept(closed.get() ? new CancelledException("the client is closed")
          : new AiLibException(StandardErrorCode.OVERLOADED, "too many asynchronous calls and push streams in flight "
              + "on this client (" + MAX_ASYNC_THREADS + " running)"));
    } catch (CancelledException e) {
      rejected.accept(e);
    }
  }

  private ThreadPoolExecutor pool() {
    synchronized (poolLock) {
      ensureOpen();
      if (pool == null) {
        pool = new ThreadPoolExecutor(0, MAX_ASYNC_THREADS, 2, TimeUnit.SECONDS, new SynchronousQueue<>(),
            threads("ailib-call-" + clientId + "-"));
      }
      return pool;
    }
  }

  private ScheduledThreadPoolExecutor timer() {
    synchronized (poolLock) {
      if (timer == null) {
        if (closed.get()) {
          throw new RejectedExecutionException("closed");
        }
        timer = new ScheduledThreadPoolExecutor(1, threads("ailib-timeout-" + clientId + "-"));
        timer.setRemoveOnCancelPolicy(true);
        timer.setKeepAliveTime(2, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
      }
      return timer;
    }
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (CallScope s : List.copyOf(active)) {
      s.clientClosing();
    }
    synchronized (poolLock) {
      if (pool != null) {
        pool.shutdownNow();
      }
      if (timer != null) {
        timer.shutdownNow();
      }
    }
    if (transport.owned()) {
      try {
        transport.transport().close();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "closing transport " + transport.name() + " failed: " + e.getClass().getName());
      }
    }
  }

  @Override
  public String toString() {
    return "DefaultEngine[model=" + model + ", fallbacks=" + fallbacks + ", transport=" + transport.name()
        + ", interceptors=" + interceptors.size() + ", closed=" + closed.get() + "]";
  }
}
