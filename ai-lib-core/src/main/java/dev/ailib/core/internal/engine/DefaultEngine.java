package dev.ailib.core.internal.engine;

import dev.ailib.api.Budget;
import dev.ailib.api.CallStats;
import dev.ailib.api.Cost;
import dev.ailib.api.SpendListener;
import dev.ailib.api.CancelToken;
import dev.ailib.api.ChatRequest;
import dev.ailib.api.ChatResponse;
import dev.ailib.api.ChatResult;
import dev.ailib.api.ChatStream;
import dev.ailib.api.EmbeddingRequest;
import dev.ailib.api.EmbeddingResponse;
import dev.ailib.api.RerankRequest;
import dev.ailib.api.RerankResponse;
import dev.ailib.api.StreamHandler;
import dev.ailib.api.StreamSubscription;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.StructuredOptions;
import dev.ailib.api.StructuredResult;
import dev.ailib.api.StructuredStream;
import dev.ailib.api.TokenCount;
import dev.ailib.api.ToolRunOptions;
import dev.ailib.api.ToolRunResult;
import dev.ailib.api.ToolRunStream;
import dev.ailib.api.ToolSet;
import dev.ailib.api.TypeRef;
import dev.ailib.api.Timeouts;
import dev.ailib.api.Usage;
import dev.ailib.api.error.AiLibException;
import dev.ailib.api.spi.ClientConfig;
import dev.ailib.api.spi.ClientEngine;
import dev.ailib.core.internal.cost.Spending;
import dev.ailib.core.internal.discovery.Discovery;
import dev.ailib.core.internal.discovery.SelectedTransport;
import dev.ailib.core.internal.response.RequestIds;
import dev.ailib.core.internal.resilience.Resilience;
import dev.ailib.core.internal.resilience.ResilienceSettings;
import dev.ailib.core.internal.resolve.CredentialResolver;
import dev.ailib.core.internal.resolve.ModelRef;
import dev.ailib.core.internal.resolve.ModelResolver;
import dev.ailib.core.internal.resolve.Placeholders;
import dev.ailib.core.internal.structured.StructuredCalls;
import dev.ailib.core.internal.tools.ToolRunner;
import dev.ailib.core.spi.Clock;
import dev.ailib.core.spi.Environment;
import dev.ailib.core.spi.Interceptor;
import dev.ailib.core.spi.protocol.ProtocolSource;
import dev.ailib.core.spi.telemetry.CallOutcome;
import dev.ailib.core.spi.telemetry.TelemetryScope;
import dev.ailib.core.spi.transport.TransportConfig;
import dev.ailib.core.spi.transport.TransportResponse;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The standard engine. Data flow of one call, of any operation (chat here; embeddings in {@link EmbeddingCalls},
 * rerank in {@link RerankCalls}): resolve the targets ({@link TargetResolver}: the primary model, then the fallback
 * chain), check capabilities and parameters and encode ({@link Prepared}); start the call ({@link Calls}: its one
 * deadline, {@code callStart}); then through {@link Attempts} (the resilience policies), per attempt: send
 * ({@link Exchange}: the prepared request's template, the interceptors, the transport, error statuses classified)
 * and decode the answer as it is read (the operation's codec) or open the stream ({@link StreamOpener}). Every call
 * may be cancelled from any thread and reports to the telemetry listeners in their documented order.
 *
 * <p>Threads: the caller's for blocking calls and pull streams; {@link EngineThreads} for {@code executeAsync},
 * push streams and publishers. No timer: the call's deadline is checked where the call waits.
 */
final class DefaultEngine implements ClientEngine {
  private static final Logger LOG = System.getLogger(DefaultEngine.class.getName());
  private static final AtomicInteger CLIENT_IDS = new AtomicInteger();

  private final String model;
  private final TargetResolver primary;
  private final List<TargetResolver> fallbacks;
  private final SelectedTransport transport;
  private final int interceptorCount;
  private final Listeners listeners;
  private final Calls calls;
  private final Attempts attempts;
  private final StreamOpener streams;
  private final EngineThreads threads;
  private final AbandonedStreams abandoned = new AbandonedStreams();
  private final StructuredCalls structured;
  private final ToolRunner toolRunner;
  private final Spending spending;
  private final TokenCounting tokenCounting;
  private final EmbeddingCalls embeddings;
  private final RerankCalls reranks;

  DefaultEngine(ClientConfig config, Discovery discovery,
      BiFunction<ClientConfig, Environment, Resilience> resilienceFactory) {
    this.model = config.model();
    Timeouts timeouts = config.timeouts() == null ? Timeouts.DEFAULTS : config.timeouts();
    Clock clock = config.components(Clock.class).stream().findFirst().orElse(Clock.system());
    Environment env = Discovery.environment(config);
    Resilience resilience = resilienceFactory.apply(config, env);
    Duration callTimeout = ResilienceSettings.callTimeout(config.timeouts(), env);
    ProtocolSource source = discovery.protocolSource(config, env);
    ModelResolver models = new ModelResolver(source, config.unlistedModels()::allows);
    CredentialResolver credentials = new CredentialResolver(env);
    Placeholders placeholders = new Placeholders(env);
    ModelRef primaryRef = ModelRef.parse(config.model());
    this.primary = resolver(primaryRef, primaryRef, false, models, credentials, placeholders, config);
    List<TargetResolver> fb = new ArrayList<>();
    for (String m : config.fallbackModels()) {
      fb.add(resolver(ModelRef.parse(m), primaryRef, true, models, credentials, placeholders, config));
    }
    this.fallbacks = List.copyOf(fb);
    // fail fast: unknown provider, missing credential, unsupported wire style or unusable URL are build errors
    primary.resolve();
    for (TargetResolver f : fallbacks) {
      f.resolve();
    }
    List<Interceptor> interceptors = config.components(Interceptor.class);
    this.interceptorCount = interceptors.size();
    this.listeners = new Listeners(discovery.telemetry(config));
    this.transport = discovery.transport(config, TransportConfig.DEFAULTS.withTimeouts(timeouts));
    this.calls = new Calls(listeners, clock, callTimeout);
    Exchange exchange = new Exchange(interceptors, transport.transport(), listeners, clock);
    this.attempts = new Attempts(resilience, exchange, listeners);
    this.streams = new StreamOpener(exchange);
    this.threads = new EngineThreads("ailib-call-" + CLIENT_IDS.incrementAndGet() + "-");
    this.tokenCounting = new TokenCounting(calls, attempts, exchange, listeners, placeholders);
    this.spending = new Spending(config.components(Budget.class), config.components(SpendListener.class), clock);
    this.structured = new StructuredCalls(this, source::manifest);
    this.toolRunner = new ToolRunner(this, listeners::toolRound);
    this.embeddings = new EmbeddingCalls(this);
    this.reranks = new RerankCalls(this);
  }

  /**
   * The builder's {@code apiKey(key)} and {@code baseUrl(url)} apply to the primary provider's models,
   * {@code apiKey(provider, key)} and {@code baseUrl(provider, url)} to any model of that provider.
   */
  private static TargetResolver resolver(ModelRef ref, ModelRef primary, boolean fallback, ModelResolver models,
      CredentialResolver credentials, Placeholders placeholders, ClientConfig config) {
    boolean primaryProvider = ref.provider().equals(primary.provider());
    return new TargetResolver(ref, models, credentials, placeholders, primaryProvider, fallback,
        config.explicitKey(ref.provider(), primaryProvider), config.baseUrl(ref.provider(), primaryProvider));
  }

  // ---------------------------------------------------------------- execute

  @Override
  public ChatResult execute(ChatRequest request, CancelToken cancel) {
    CallPlan<ChatRequest> plan = plan(request, false);
    return run(plan, calls.begin(request, plan.first(), false, cancel));
  }

  /** Runs a started call to its end (on the caller's thread, or a pool thread for executeAsync). */
  private ChatResult run(CallPlan<ChatRequest> plan, CallScope scope) {
    try (TelemetryScope ignored = listeners.activate(scope.info)) {
      Resilience.Outcome<ChatResponse, Target> o = attempts.run(scope, plan, DefaultEngine::read, 0);
      ChatResponse response = o.value();
      long latency = scope.elapsed().toMillis();
      Usage u = response.usage();
      Target served = o.target();
      Cost cost = served.cost(u);
      CallStats stats = new CallStats(u.totalTokens(), u.promptTokens(), u.completionTokens(), latency,
          hasOutput(response) ? latency : -1, served.model(), served.provider(), o.attempts(), null, cost);
      if (!u.equals(Usage.EMPTY)) {
        listeners.usage(scope.info, u);
      }
      spent(scope, served, u, cost, true);
      listeners.response(scope.info, response);
      listeners.callEnd(scope.info, new CallOutcome(response.model(), response.id(),
          List.of(response.finishReason().wireName()), u, stats));
      return new ChatResult(response, stats);
    } catch (Throwable t) {
      throw calls.fail(scope, t);
    } finally {
      scope.close();
    }
  }

  /**
   * Refuses a call whose budget is used up, before anything is sent.
   *
   * @param targets the call's models
   * @param inputOnly whether the operation bills input tokens only (embeddings, rerank)
   */
  void checkBudgets(List<Target> targets, boolean inputOnly) {
    if (!spending.inactive()) {
      spending.check(targets.stream().map(Target::priced).toList(), inputOnly);
    }
  }

  /** Counts what a call spent against the budgets and tells the spend listeners. */
  void spent(CallScope scope, Target served, Usage usage, Cost cost, boolean completed) {
    if (!spending.inactive()) {
      ChatRequest chat = scope.info.request(); // null for embeddings and rerank, which carry no tag
      spending.record(chat == null ? null : chat.tag(), served.provider(), served.model(), usage, cost,
          served.modelSpec(), completed);
    }
  }

  private static boolean hasOutput(ChatResponse r) {
    return !r.content().isEmpty() || r.hasToolCalls() || !r.thinking().isEmpty();
  }

  /** Reads a non-streaming chat answer with the target's codec as it is read. */
  private static ChatResponse read(TransportResponse resp, Prepared prepared, ChatRequest request) {
    Target target = prepared.target();
    return TextToolCalling.apply(request, target.manifest(),
        target.codec().decode(resp.body(), target.manifest(), RequestIds.fromHeaders(resp.headers())));
  }

  // ---------------------------------------------------------------- shared call steps

  /**
   * Resolves the targets and checks and encodes the request for the primary one, before the call starts (a bad
   * request fails here, with no telemetry and no I/O).
   */
  CallPlan<ChatRequest> plan(ChatRequest request, boolean stream) {
    calls.ensureOpen();
    Prepared first = Prepared.of(request, primary.resolve(), stream);
    BiFunction<ChatRequest, Target, Prepared> prepare = (r, t) -> Prepared.of(r, t, stream);
    List<Target> targets;
    if (fallbacks.isEmpty()) {
      targets = List.of(first.target());
    } else {
      targets = new ArrayList<>(1 + fallbacks.size());
      targets.add(first.target());
      for (TargetResolver f : fallbacks) {
        targets.add(f.resolve());
      }
    }
    checkBudgets(targets, false);
    return new CallPlan<>(request, prepare, first, targets);
  }

  /**
   * The client's models resolved for a call: the primary first, then the fallbacks (each reused while its manifest
   * is unchanged).
   *
   * @return the targets
   * @throws dev.ailib.api.error.CancelledException when the client is closed
   */
  List<Target> chain() {
    calls.ensureOpen();
    Target first = primary.resolve();
    if (fallbacks.isEmpty()) {
      return List.of(first);
    }
    List<Target> targets = new ArrayList<>(1 + fallbacks.size());
    targets.add(first);
    for (TargetResolver f : fallbacks) {
      targets.add(f.resolve());
    }
    return targets;
  }

  Calls calls() {
    return calls;
  }

  Attempts attempts() {
    return attempts;
  }

  /** Reports a failed call to telemetry and returns the exception for the caller. */
  AiLibException fail(CallScope scope, Throwable t) {
    return calls.fail(scope, t);
  }

  Listeners listeners() {
    return listeners;
  }

  /** Starts a checked and planned streamed call (its deadline, {@code callStart}). */
  CallScope beginStream(ChatRequest request, CallPlan<ChatRequest> plan, CancelToken cancel) {
    return calls.begin(request, plan.first(), true, cancel);
  }

  StreamPipelines pipelines() {
    return streams.pipelines();
  }

  EngineThreads threads() {
    return threads;
  }

  /**
   * Runs the blocking work of one call's push stream (an application's sleeper, a bulkhead wait, a transport without
   * non-blocking I/O, interceptors) on the client's threads, with the call's telemetry context; rejects with
   * {@link java.util.concurrent.RejectedExecutionException} when the client is closed or overloaded.
   */
  Executor blockingExecutor(CallScope scope) {
    return task -> threads.submit(listeners.propagateContext(() -> {
      try (TelemetryScope ignored = listeners.activate(scope.info)) {
        task.run();
      }
    }), rejected -> {
      throw new java.util.concurrent.RejectedExecutionException(rejected.getMessage(), rejected);
    });
  }

  AbandonedStreams abandoned() {
    return abandoned;
  }

  // ---------------------------------------------------------------- async, stream, push

  @Override
  public CompletableFuture<ChatResult> executeAsync(ChatRequest request, CancelToken cancel) {
    return async(cancel, () -> {
      CallPlan<ChatRequest> plan = plan(request, false);
      return new Started<>(plan, calls.begin(request, plan.first(), false, cancel));
    }, s -> run(s.work(), s.scope()));
  }

  /**
   * A call checked and started on the caller's thread, to be run on another.
   *
   * @param work what the run needs
   * @param scope the started call
   * @param <W> the work
   */
  record Started<W>(W work, CallScope scope) {
  }

  /**
   * Runs a call on the client's threads: checked and started on the caller's thread (a bad request fails the future
   * at once; callStart sees the caller's context, such as its tracing parent), then run on a client thread.
   *
   * @param cancel the caller's token (cancelling the future cancels it too)
   * @param start checks and starts the call
   * @param run runs a started call to its end and closes it
   * @param <W> what the run needs
   * @param <T> the answer
   * @return the future answer
   */
  <W, T> CompletableFuture<T> async(CancelToken cancel, Supplier<Started<W>> start, Function<Started<W>, T> run) {
    CompletableFuture<T> future = new CompletableFuture<>() {
      @Override
      public boolean cancel(boolean mayInterruptIfRunning) {
        boolean done = super.cancel(mayInterruptIfRunning);
        cancel.cancel();
        return done;
      }
    };
    Started<W> started;
    try {
      started = start.get();
    } catch (RuntimeException e) {
      future.completeExceptionally(e);
      return future;
    }
    submit(() -> {
      try {
        future.complete(run.apply(started));
      } catch (Throwable t) {
        future.completeExceptionally(t);
      }
    }, e -> {
      AiLibException reported = calls.fail(started.scope(), e);
      started.scope().close();
      future.completeExceptionally(reported);
    });
    return future;
  }

  @Override
  public ChatStream stream(ChatRequest request, CancelToken cancel) {
    CallPlan<ChatRequest> plan = plan(request, true);
    CallScope scope = calls.begin(request, plan.first(), true, cancel);
    try (TelemetryScope ignored = listeners.activate(scope.info)) {
      Resilience.Outcome<StreamOpener.OpenStream, Target> o = attempts.run(scope, plan.targets(),
          (t, n) -> streams.open(scope, plan.prepared(t)), 0);
      StreamOpener.OpenStream open = o.value();
      return new PullChatStream(this, scope, open.response(), open.events(), open.first(), o.target(), o.attempts());
    } catch (Throwable t) {
      AiLibException e = calls.fail(scope, t);
      scope.close();
      throw e;
    }
  }

  // ---------------------------------------------------------------- token counting

  @Override
  public TokenCount countTokens(ChatRequest request, CancelToken cancel) {
    return tokenCounting.count(request, primary.resolve(), cancel);
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

  // ---------------------------------------------------------------- embeddings and rerank (delegated)

  @Override
  public EmbeddingResponse embed(EmbeddingRequest request, CancelToken cancel) {
    return embeddings.execute(request, cancel);
  }

  @Override
  public CompletableFuture<EmbeddingResponse> embedAsync(EmbeddingRequest request, CancelToken cancel) {
    return embeddings.executeAsync(request, cancel);
  }

  @Override
  public RerankResponse rerank(RerankRequest request, CancelToken cancel) {
    return reranks.execute(request, cancel);
  }

  @Override
  public CompletableFuture<RerankResponse> rerankAsync(RerankRequest request, CancelToken cancel) {
    return reranks.executeAsync(request, cancel);
  }

  @Override
  public StreamSubscription push(ChatRequest request, StreamHandler handler) {
    return PushStream.start(this, request, handler);
  }

  @Override
  public Flow.Publisher<StreamingEvent> publisher(ChatRequest request) {
    return new EventPublisher(this, request);
  }

  /** Runs a task on the engine's threads; when there is none to run it (closed, overloaded), {@code rejected} gets the error. */
  void submit(Runnable task, Consumer<AiLibException> rejected) {
    if (calls.closed()) {
      rejected.accept(new dev.ailib.api.error.CancelledException("the client is closed"));
      return;
    }
    threads.submit(listeners.propagateContext(task), rejected); // on the caller's thread: its tracing context goes along
  }

  @Override
  public void close() {
    if (!calls.closeAll()) {
      return;
    }
    threads.close();
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
    return "DefaultEngine[model=" + model + ", fallbacks=" + fallbacks.stream().map(TargetResolver::ref).toList() + ", transport=" + transport.name()
        + ", interceptors=" + interceptorCount + ", threads=" + threads + ", closed=" + calls.closed() + "]";
  }
}
