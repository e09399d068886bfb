package dev.ailib.testkit.fake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local fake LLM provider for tests: an HTTP/1.1 server on {@code 127.0.0.1} (ephemeral port) that
 * speaks the OpenAI chat completions, Anthropic messages and Gemini generateContent wire formats, and the
 * embeddings and rerank formats of {@link OperationFormat} (answers computed by {@link FakeEmbeddings}), answers
 * scripted {@link Reply replies}, injects faults, and records every request.
 *
 * <pre>{@code
 * try (FakeProvider fake = FakeProvider.start()) {
 *   fake.enqueue(Reply.text("Hello"));
 *   AiClient client = AiClient.builder().model("openai/gpt-4o").baseUrl(fake.baseUrl()).apiKey("sk-test").build();
 *   ...
 *   RecordedRequest request = fake.takeRequest();
 *   assertEquals("gpt-4o", request.jsonAt("model"));
 * }
 * }</pre>
 *
 * <p>The format is chosen by the request path: {@code .../chat/completions}, {@code .../messages},
 * {@code .../models/{model}:generateContent} or {@code :streamGenerateContent}, and the token-counting endpoints
 * {@code .../messages/count_tokens} and {@code .../models/{model}:countTokens} ({@link Reply#tokenCount(int)});
 * any prefix (such as
 * {@code /v1}) is accepted. Each request takes the next queued reply, else the default reply; with
 * neither, the answer is an HTTP 500 whose message says that no reply was scripted.
 *
 * <p>Gemini thought signatures ({@link Reply.ToolCall#withThoughtSignature(String)}) are checked as Gemini 3
 * checks them: a later Gemini request whose current turn sends a signed call back without its signature, or a part
 * with a signature this fake did not hand out for that call, is answered 400 {@code INVALID_ARGUMENT} (before a
 * reply is taken). {@link #reset()} forgets the signatures handed out.
 *
 * <p>The server supports keep-alive and chunked streams, uses a bounded pool of platform threads (one per
 * open connection), and notices a client closing a connection even while it delays or stalls a response
 * ({@link #awaitClientDisconnect(Duration)}). All methods are thread-safe. {@link #close()} closes every
 * connection and stops every thread it started.
 */
public final class FakeProvider implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(FakeProvider.class.getName());

  private final ServerSocket serverSocket;
  private final Thread acceptor;
  private final ThreadPoolExecutor workers;
  /** Every connection thread started, so that close() can wait until each has ended (not only its task). */
  private final java.util.Set<Thread> workerThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final Clock clock;
  private final String requiredApiKey;
  private final double failureRate;
  private final Reply failureReply;
  private final double disconnectRate;
  private final Random random;
  private final Reply defaultReply;

  private final ConcurrentLinkedDeque<Reply> queue = new ConcurrentLinkedDeque<>();
  /** The thought signatures Gemini answers handed out, checked on later Gemini requests. */
  private final ThoughtSignatures thoughtSignatures = new ThoughtSignatures();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final BlockingQueue<RecordedRequest> untaken = new LinkedBlockingQueue<>();
  private final List<ClientDisconnect> disconnects = new CopyOnWriteArrayList<>();
  private final BlockingQueue<ClientDisconnect> unawaitedDisconnects = new LinkedBlockingQueue<>();
  private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
  private final AtomicInteger requestSequence = new AtomicInteger();
  private final AtomicInteger connectionSequence = new AtomicInteger();
  private final Object monitor = new Object();
  private int stalled; // guarded by monitor
  private long stallGeneration; // guarded by monitor
  private volatile boolean closing;

  private FakeProvider(Builder b) throws IOException {
    this.clock = b.clock;
    this.requiredApiKey = b.requiredApiKey;
    this.failureRate = b.failureRate;
    this.failureReply = b.failureReply;
    this.disconnectRate = b.disconnectRate;
    this.random = b.random != null ? b.random : new Random(b.seed);
    this.defaultReply = b.defaultReply;
    this.serverSocket = new ServerSocket();
    serverSocket.setReuseAddress(true);
    serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    int port = serverSocket.getLocalPort();
    AtomicInteger threadNumber = new AtomicInteger();
    this.workers = new ThreadPoolExecutor(0, b.maxConnections, 10, TimeUnit.SECONDS, new SynchronousQueue<>(),
        r -> {
          Thread t = new Thread(r, "fake-provider-" + port + "-conn-" + threadNumber.incrementAndGet());
          t.setDaemon(true);
          workerThreads.add(t);
          return t;
        });
    this.acceptor = new Thread(this::acceptLoop, "fake-provider-" + port + "-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Starts a provider with default settings. */
  public static FakeProvider start() {
    return builder().start();
  }

  /** A builder for a provider with custom settings. */
  public static Builder builder() {
    return new Builder();
  }

  // ---------------------------------------------------------------- addresses

  /** The base URL, {@code http://127.0.0.1:<port>}, with no trailing slash; append {@code /v1} as needed. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** {@link #baseUrl()} as a URI. */
  public URI baseUri() {
    return URI.create(baseUrl());
  }

  /** The port the server listens on. */
  public int port() {
    return serverSocket.getLocalPort();
  }

  // ---------------------------------------------------------------- script

  /** Queues replies; each request takes the next one, in order. */
  public FakeProvider enqueue(Reply... replies) {
    for (Reply r : replies) {
      queue.addLast(Objects.requireNonNull(r, "reply"));
    }
    return this;
  }

  /** How many queued replies no request has taken yet. */
  public int queuedReplies() {
    return queue.size();
  }

  /**
   * Forgets queued replies, the thought signatures handed out, recorded requests and observed disconnects (open
   * connections stay).
   */
  public void reset() {
    queue.clear();
    thoughtSignatures.clear();
    requests.clear();
    untaken.clear();
    disconnects.clear();
    unawaitedDisconnects.clear();
  }

  // ---------------------------------------------------------------- requests

  /** Every request received so far, in arrival order. */
  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** How many requests arrived so far. */
  public int requestCount() {
    return requests.size();
  }

  /** The oldest request not yet taken, waiting up to 10 seconds; see {@link #takeRequest(Duration)}. */
  public RecordedRequest takeRequest() {
    return takeRequest(Duration.ofSeconds(10));
  }

  /**
   * The oldest request not yet taken by this method, waiting up to {@code timeout} for one.
   *
   * @throws AssertionError when none arrives in time
   */
  public RecordedRequest takeRequest(Duration timeout) {
    try {
      RecordedRequest r = untaken.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
      if (r == null) {
        throw new AssertionError("FakeProvider: no request arrived within " + timeout + " ("
            + requests.size() + " received in total)");
      }
      return r;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for a request", e);
    }
  }

  // ---------------------------------------------------------------- connections

  /** Connections currently open. */
  public int openConnections() {
    return connections.size();
  }

  /** Connections accepted since start. */
  public int totalConnections() {
    return connectionSequence.get();
  }

  /** Waits until exactly {@code expected} connections are open; returns whether that happened in time. */
  public boolean awaitOpenConnections(int expected, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (monitor) {
      while (connections.size() != expected) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          return false;
        }
        waitOn(Math.min(left, 50));
      }
      return true;
    }
  }

  /** Every client disconnect observed so far. */
  public List<ClientDisconnect> clientDisconnects() {
    return List.copyOf(disconnects);
  }

  /**
   * The oldest client disconnect not yet returned by this method, waiting up to {@code timeout}. A client
   * disconnect is the client closing or resetting a connection, seen while the server sends, delays or
   * stalls a response, or while the connection is idle; closes made by the server (faults, close()) are
   * not client disconnects.
   *
   * @throws AssertionError when none is observed in time
   */
  public ClientDisconnect awaitClientDisconnect(Duration timeout) {
    try {
      ClientDisconnect d = unawaitedDisconnects.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
      if (d == null) {
        throw new AssertionError("FakeProvider: no client disconnect within " + timeout + " ("
            + openConnections() + " connections open)");
      }
      return d;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for a client disconnect", e);
    }
  }

  // ---------------------------------------------------------------- stalls

  /** Streams currently held by a stall fault. */
  public int stalledStreams() {
    synchronized (monitor) {
      return stalled;
    }
  }

  /**
   * Waits until at least {@code count} streams are stalled.
   *
   * @throws AssertionError when that does not happen in time
   */
  public void awaitStalled(int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (monitor) {
      while (stalled < count) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          throw new AssertionError("FakeProvider: " + stalled + " streams stalled after " + timeout
              + ", expected " + count);
        }
        waitOn(Math.min(left, 50));
      }
    }
  }

  /** Lets every currently stalled stream continue. */
  public void releaseStalls() {
    synchronized (monitor) {
      stallGeneration++;
      monitor.notifyAll();
    }
  }

  // ---------------------------------------------------------------- lifecycle

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closing;
  }

  /** Stops accepting, closes every connection (stalled ones too) and stops the server's threads. */
  @Override
  public void close() {
    if (closing) {
      return;
    }
    closing = true;
    try {
      serverSocket.close();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "closing the server socket", e);
    }
    for (Connection c : connections) {
      c.closeByServer();
    }
    releaseStalls();
    workers.shutdown();
    try {
      acceptor.join(5_000);
      if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
      // a terminated pool's threads may still be on their way out: wait for them, so "closed" means no thread left
      for (Thread t : workerThreads) {
        t.join(5_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      workers.shutdownNow();
    }
  }

  @Override
  public String toString() {
    return "FakeProvider{" + baseUrl() + ", requests=" + requests.size() + ", open=" + connections.size()
        + (closing ? ", closed" : "") + "}";
  }

  // ---------------------------------------------------------------- server internals

  private void acceptLoop() {
    while (!closing) {
      Socket socket;
      try {
        socket = serverSocket.accept();
      } catch (IOException e) {
        if (closing || serverSocket.isClosed()) {
          return;
        }
        // transient (such as "Too many open files"): the server keeps listening, as a real one would
        LOG.log(System.Logger.Level.WARNING, "FakeProvider accept failed; retrying in 20 ms", e);
        if (!pauseAfterAcceptFailure()) {
          return;
        }
        continue;
      }
      Connection connection = new Connection(connectionSequence.incrementAndGet(), socket, this);
      try {
        socket.setTcpNoDelay(true);
        connections.add(connection);
        signal();
        workers.execute(connection);
      } catch (IOException | RejectedExecutionException e) {
        LOG.log(System.Logger.Level.WARNING, "FakeProvider refused connection " + connection.id
            + " (too many open connections or closing)", e);
        connection.closeByServer();
        connections.remove(connection);
        signal();
      }
      if (closing) {
        connection.closeByServer();
      }
    }
  }

  /** Returns false when the acceptor was interrupted (it then ends). */
  private static boolean pauseAfterAcceptFailure() {
    try {
      Thread.sleep(20);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  boolean isClosing() {
    return closing;
  }

  void connectionEnded(Connection connection) {
    connections.remove(connection);
    signal();
  }

  void clientDisconnected(Connection connection, boolean duringResponse) {
    if (closing) {
      return;
    }
    ClientDisconnect d = new ClientDisconnect(connection.id, clock.instant(), duringResponse, connection.served());
    disconnects.add(d);
    unawaitedDisconnects.add(d);
  }

  long stallStarted() {
    synchronized (monitor) {
      stalled++;
      monitor.notifyAll();
      return stallGeneration;
    }
  }

  boolean stallReleased(long generation) {
    synchronized (monitor) {
      return closing || stallGeneration != generation;
    }
  }

  void stallEnded() {
    synchronized (monitor) {
      stalled--;
      monitor.notifyAll();
    }
  }

  private void signal() {
    synchronized (monitor) {
      monitor.notifyAll();
    }
  }

  private void waitOn(long millis) {
    try {
      monitor.wait(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting", e);
    }
  }

  /** Records the request and decides the response (called on the connection's thread). */
  Connection.Response respond(Connection connection, HttpInput.Head head, byte[] bodyBytes) {
    String target = head.target();
    int q = target.indexOf('?');
    String path = q >= 0 ? target.substring(0, q) : target;
    String query = q >= 0 ? target.substring(q + 1) : "";
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : head.headers()) {
      headers.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(h.getValue());
    }
    headers.replaceAll((k, v) -> List.copyOf(v));
    WireFormat format = WireFormat.forPath(path).orElse(null);
    RecordedRequest request = new RecordedRequest(requestSequence.incrementAndGet(), connection.id,
        clock.instant(), head.method(), path, query, headers, new String(bodyBytes, StandardCharsets.UTF_8),
        format);
    requests.add(request);
    untaken.add(request);

    if (format == null) {
      OperationFormat operation = OperationFormat.forPath(path).orElse(null);
      if (operation != null) {
        return respondOperation(operation, request, head.method(), path);
      }
      return plainError(request, 404, "no wire format for " + head.method() + " " + path
          + "; expected a path ending in /chat/completions, /responses, /messages, /chat (Cohere v2),"
          + " /models/{model}:generateContent or :streamGenerateContent, /embeddings, /embed, /rerank, or"
          + " /models/{model}:embedContent or :batchEmbedContents");
    }
    WireRenderer renderer = WireRenderer.of(format);
    Object json = null;
    String jsonError = null;
    try {
      json = Json.parse(request.body());
    } catch (IllegalArgumentException e) {
      jsonError = e.getMessage();
    }
    String model = request.model();
    boolean gemini = format == WireFormat.GEMINI;
    RenderContext ctx = new RenderContext(request, model != null ? model : "fake-model",
        clock.instant().getEpochSecond(), request.streaming(),
        Boolean.TRUE.equals(json == null ? null : Json.at(json, "stream_options.include_usage")),
        gemini && "sse".equals(request.queryParameter("alt")));

    if (!"POST".equals(head.method())) {
      return new Connection.Response(renderer.error(405, renderer.errorBody(405, null,
          "FakeProvider: " + head.method() + " is not supported here; use POST", ctx), List.of(), ctx),
          Reply.Faults.NONE, false);
    }
    if (requiredApiKey != null && !apiKeyMatches(request, format)) {
      return new Connection.Response(renderer.error(401, renderer.errorBody(401, null, null, ctx), List.of(), ctx),
          Reply.Faults.NONE, false);
    }
    if (jsonError != null || !(json instanceof Map)) {
      String why = jsonError != null ? jsonError : "the body is not a JSON object";
      return new Connection.Response(renderer.error(400, renderer.errorBody(400, null,
          "FakeProvider: request body rejected: " + why, ctx), List.of(), ctx), Reply.Faults.NONE, false);
    }

    String unsigned = gemini && !request.tokenCount() ? thoughtSignatures.problem(json) : null;
    if (unsigned != null) {
      // checked before a reply is taken, as Gemini rejects the request before answering it
      return new Connection.Response(renderer.error(400, renderer.errorBody(400, "INVALID_ARGUMENT", unsigned, ctx),
          List.of(), ctx), Reply.Faults.NONE, false);
    }
    Reply reply = nextReply(request);
    if (reply == null) {
      String message = "FakeProvider has no reply for request #" + request.sequence() + " (" + head.method() + " "
          + path + "): enqueue a Reply or set Builder.defaultReply";
      LOG.log(System.Logger.Level.WARNING, message);
      return new Connection.Response(renderer.error(500, renderer.errorBody(500, null, message, ctx), List.of(),
          ctx), Reply.Faults.NONE, false);
    }
    if (request.tokenCount() != (reply.kind() == Reply.Kind.TOKEN_COUNT) && reply.kind() != Reply.Kind.ERROR
        && reply.kind() != Reply.Kind.DROP_CONNECTION) {
      String message = "FakeProvider: request #" + request.sequence() + " (" + path + ") is a "
          + (request.tokenCount() ? "token-count request but took a completion reply: enqueue Reply.tokenCount(n)"
          : "chat request but took a Reply.tokenCount reply");
      return new Connection.Response(renderer.error(500, renderer.errorBody(500, null, message, ctx), List.of(),
          ctx), Reply.Faults.NONE, false);
    }
    return switch (reply.kind()) {
      case TOKEN_COUNT -> new Connection.Response(renderer.tokenCount(reply.tokenCount(), ctx), reply.faults(),
          false);
      case DROP_CONNECTION -> new Connection.Response(null, reply.faults(), true);
      case ERROR -> new Connection.Response(renderer.error(reply, ctx), reply.faults(), false);
      case COMPLETION -> {
        if (gemini) {
          thoughtSignatures.issued(reply);
        }
        yield new Connection.Response(renderer.completion(reply.forRequest(json, format, request.sequence()), ctx),
            reply.faults(), false);
      }
    };
  }

  /** Answers a request of an operation besides chat: scripted faults and errors, else the computed answer. */
  private Connection.Response respondOperation(OperationFormat format, RecordedRequest request, String method,
      String path) {
    OperationRenderer renderer = new OperationRenderer(format);
    RenderContext ctx = new RenderContext(request, "fake-model", clock.instant().getEpochSecond(), false, false,
        false);
    if (!"POST".equals(method)) {
      return new Connection.Response(renderer.error(405, renderer.errorBody(405, null,
          "FakeProvider: " + method + " is not supported here; use POST", ctx), List.of(), ctx),
          Reply.Faults.NONE, false);
    }
    if (requiredApiKey != null && !(format.gemini()
        ? requiredApiKey.equals(request.header("x-goog-api-key")) || requiredApiKey.equals(request.queryParameter("key"))
        : ("Bearer " + requiredApiKey).equals(request.header("authorization")))) {
      return new Connection.Response(renderer.error(401, renderer.errorBody(401, null, null, ctx), List.of(), ctx),
          Reply.Faults.NONE, false);
    }
    Object json;
    try {
      json = Json.parse(request.body());
    } catch (IllegalArgumentException e) {
      json = null;
    }
    if (!(json instanceof Map)) {
      return new Connection.Response(renderer.error(400, renderer.errorBody(400, null,
          "FakeProvider: request body rejected: the body is not a JSON object", ctx), List.of(), ctx),
          Reply.Faults.NONE, false);
    }
    Reply reply = nextReply(request);
    if (reply == null) {
      String message = "FakeProvider has no reply for request #" + request.sequence() + " (" + method + " " + path
          + "): enqueue a Reply (Reply.computed()) or set Builder.defaultReply";
      return new Connection.Response(renderer.error(500, renderer.errorBody(500, null, message, ctx), List.of(),
          ctx), Reply.Faults.NONE, false);
    }
    return switch (reply.kind()) {
      case DROP_CONNECTION -> new Connection.Response(null, reply.faults(), true);
      case ERROR -> new Connection.Response(renderer.error(reply, ctx), reply.faults(), false);
      case TOKEN_COUNT -> new Connection.Response(renderer.error(500, renderer.errorBody(500, null, "FakeProvider: "
          + "request #" + request.sequence() + " (" + path + ") is not a token-count request but took a "
          + "Reply.tokenCount reply", ctx), List.of(), ctx), Reply.Faults.NONE, false);
      case COMPLETION -> {
        try {
          yield new Connection.Response(renderer.answer(reply, json, path, ctx), reply.faults(), false);
        } catch (OperationRenderer.BadRequest e) {
          yield new Connection.Response(renderer.error(400, renderer.errorBody(400, null, "FakeProvider: "
              + e.getMessage(), ctx), List.of(), ctx), Reply.Faults.NONE, false);
        }
      }
    };
  }

  private Reply nextReply(RecordedRequest request) {
    boolean disconnect = false;
    boolean fail = false;
    if (failureRate > 0 || disconnectRate > 0) {
      synchronized (random) {
        double d = random.nextDouble();
        double f = random.nextDouble();
        disconnect = d < disconnectRate;
        fail = !disconnect && f < failureRate;
      }
    }
    if (fail) {
      return failureReply;
    }
    Reply scripted = queue.pollFirst();
    Reply reply = scripted != null ? scripted : defaultReply;
    if (disconnect) {
      if (reply != null && reply.kind() == Reply.Kind.COMPLETION && request.streaming()) {
        return reply.disconnectAfterEvents(1);
      }
      return Reply.dropConnection();
    }
    return reply;
  }

  private boolean apiKeyMatches(RecordedRequest request, WireFormat format) {
    return switch (format) {
      case OPENAI_CHAT, OPENAI_RESPONSES, COHERE_V2 -> ("Bearer " + requiredApiKey).equals(
          request.header("authorization"));
      case ANTHROPIC_MESSAGES -> requiredApiKey.equals(request.header("x-api-key"));
      case GEMINI -> requiredApiKey.equals(request.header("x-goog-api-key"))
          || requiredApiKey.equals(request.queryParameter("key"));
    };
  }

  private Connection.Response plainError(RecordedRequest request, int status, String message) {
    RenderContext ctx = new RenderContext(request, "fake-model", clock.instant().getEpochSecond(), false, false,
        false);
    String body = Json.write(Json.obj("error", Json.obj("message", "FakeProvider: " + message,
        "type", "invalid_request_error")));
    return new Connection.Response(new OpenAiRenderer().error(status, body, List.of(), ctx), Reply.Faults.NONE,
        false);
  }

  /** Settings of a {@link FakeProvider}; {@link #start()} binds the port and starts the server. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private String requiredApiKey;
    private double failureRate;
    private Reply failureReply;
    private double disconnectRate;
    private long seed = 42;
    private Random random;
    private Reply defaultReply;
    private int maxConnections = 64;

    private Builder() {}

    /** The reply for requests that find the queue empty (default: none, which answers HTTP 500). */
    public Builder defaultReply(Reply reply) {
      this.defaultReply = Objects.requireNonNull(reply, "reply");
      return this;
    }

    /**
     * Accepts only this API key (OpenAI {@code Authorization: Bearer}, Anthropic {@code x-api-key},
     * Gemini {@code x-goog-api-key} or {@code ?key=}); other requests get the provider's 401 body.
     * By default any key, or none, is accepted.
     */
    public Builder requireApiKey(String apiKey) {
      Objects.requireNonNull(apiKey, "apiKey");
      if (apiKey.isEmpty()) {
        throw new IllegalArgumentException("requireApiKey: the key must not be empty");
      }
      this.requiredApiKey = apiKey;
      return this;
    }

    /**
     * Load-test mode: each chat request fails with {@code failure} with probability {@code rate},
     * without taking a queued reply. Draws come from the seeded random (see {@link #seed(long)}).
     */
    public Builder failureRate(double rate, Reply failure) {
      checkRate("failureRate", rate);
      this.failureRate = rate;
      this.failureReply = Objects.requireNonNull(failure, "failure");
      return this;
    }

    /**
     * Load-test mode: with probability {@code rate} a streamed response is cut after its first event
     * and a JSON response is dropped before its headers.
     */
    public Builder disconnectRate(double rate) {
      checkRate("disconnectRate", rate);
      this.disconnectRate = rate;
      return this;
    }

    /** Seed of the random used by the load-test modes (default 42). */
    public Builder seed(long seed) {
      this.seed = seed;
      this.random = null;
      return this;
    }

    /** The random used by the load-test modes (replaces the seed). */
    public Builder random(Random random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** The clock for recorded timestamps and response {@code created} times (default UTC system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The most connections served at once; more are closed at accept (default 64). */
    public Builder maxConnections(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxConnections must be >= 1, got " + max);
      }
      this.maxConnections = max;
      return this;
    }

    /** Binds {@code 127.0.0.1} on an ephemeral port and starts serving. */
    public FakeProvider start() {
      try {
        return new FakeProvider(this);
      } catch (IOException e) {
        throw new UncheckedIOException("FakeProvider could not bind 127.0.0.1", e);
      }
    }

    private static void checkRate(String name, double rate) {
      if (!(rate >= 0.0 && rate <= 1.0)) {
        throw new IllegalArgumentException(name + " must be within 0.0..1.0, got " + rate);
      }
    }
  }
}
