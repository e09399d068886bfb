package dev.ailib.transport.jdk;

import dev.ailib.api.CancelToken;
import dev.ailib.api.error.TransportException;
import dev.ailib.api.error.TransportException.Kind;
import dev.ailib.core.spi.transport.ResponseReceiver;
import dev.ailib.core.spi.transport.Transport;
import dev.ailib.core.spi.transport.TransportConfig;
import dev.ailib.core.spi.transport.TransportRequest;
import dev.ailib.core.spi.transport.TransportResponse;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A transport on one {@link HttpClient}; {@link #close()} aborts the open exchanges and stops it.
 *
 * <p>The client's executor runs each task where it is handed over ({@code Runnable::run}): the JDK client then does
 * its dependent work (delivering a response head and body buffers, completing its futures) on its own selector
 * thread instead of handing every step to a pool and back. That is safe because every such task of this transport
 * returns at once: the body subscribers only queue buffers and wake their reader ({@link StreamingBody}), a pushed
 * exchange hands what arrived to its receiver, which queues it for the engine's drain ({@link PushedExchange}), and
 * a failed {@code sendAsync} records its failure; nothing on that thread waits for the network or for a caller.
 * Measured: non-streaming CPU per call 0.73x raw {@code java.net.http} with it against 1.07x-1.12x with the former
 * pool of 2-4 worker threads (BENCHMARKS.md), and no worker threads at all. TLS handshake steps run on the selector
 * thread too.
 *
 * <p>Thread model: the caller's thread runs the blocking {@link HttpClient#send} itself (as a plain
 * {@code java.net.http} user would), so a call costs no hand-off to a thread of ours. A {@link CancelToken} fired
 * from another thread while the caller waits for the headers interrupts the caller's thread, which makes
 * {@code send} cancel the exchange (the client then closes its connection); the interrupt is cleared again before
 * {@code send} returns to us. After the headers, a cancel aborts the body, which wakes its reader.
 *
 * <p>Timeouts: the response-headers timeout is the request's own timeout ({@link HttpRequest.Builder#timeout}, from
 * sending to the headers, connecting and writing the body included), capped by the call deadline; the idle timeout
 * and the deadline during the body are enforced by the reader itself ({@link StreamingBody}). No timer per call.
 *
 * <p>Protocol errors in a response head (a malformed status line, headers over the JDK's size limit, too many
 * {@code 1xx}): the JDK client (17 to 25 at least) fails the exchange but never closes its connection, and nothing
 * public can close one connection. On Java 21+ the transport then retires its client: new calls go to a fresh
 * client and the old one is shut down as soon as its last exchange ends, which closes the leaked connection. Java 17
 * has no way to close it (not even dropping the client); see docs/transports.md.
 */
final class JdkTransport implements Transport {
  private static final System.Logger LOG = System.getLogger(JdkTransport.class.getName());
  /** Headers the JDK client sets itself and refuses from callers. */
  private static final Set<String> CLIENT_MANAGED = Set.of("content-length", "host", "connection");
  private static final AtomicInteger INSTANCES = new AtomicInteger();
  /** {@code HttpClient.shutdown()} (Java 21+), or null. */
  private static final MethodHandle SHUTDOWN = publicMethod("shutdown");
  /** {@code HttpClient.close()} (Java 21+), or null. */
  private static final MethodHandle CLOSE = publicMethod("close");
  private static final CancelToken.Registration NO_REGISTRATION = () -> { };

  private final TransportConfig config;
  private final long idleNanos;
  private final long headersNanos;
  private final Set<Exchange> open = ConcurrentHashMap.newKeySet();
  private final Set<PushedExchange> pushed = ConcurrentHashMap.newKeySet();
  private final Sweeper sweeper;
  private final Set<String> warnedHosts = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Generation generation;

  JdkTransport(TransportConfig config) {
    this.config = config;
    this.idleNanos = config.timeouts().idle().toNanos();
    this.headersNanos = config.timeouts().responseHeaders().toNanos();
    int id = INSTANCES.incrementAndGet();
    this.generation = new Generation(buildClient(config));
    this.sweeper = new Sweeper(pushed, config.timeouts().idle(), "ailib-jdk-http-" + id + "-sweeper");
  }

  private static HttpClient buildClient(TransportConfig config) {
    HttpClient.Builder b = HttpClient.newBuilder()
        .executor(Runnable::run) // see the class comment
        .version(HttpClient.Version.HTTP_2)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(config.timeouts().connect());
    if (config.proxy() != null) {
      b.proxy(config.proxy());
    }
    if (config.sslContext() != null) {
      b.sslContext(config.sslContext());
    }
    return b.build();
  }

  private static MethodHandle publicMethod(String name) {
    try {
      return MethodHandles.publicLookup().findVirtual(HttpClient.class, name, MethodType.methodType(void.class));
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return null; // Java 17
    }
  }

  @Override
  public TransportResponse send(TransportRequest request, CancelToken cancel) {
    if (closed.get()) {
      throw new IllegalStateException("the jdk transport is closed");
    }
    String target = request.method() + " " + request.redactedUri();
    if (cancel != null && cancel.isCancelled()) {
      throw new TransportException(Kind.CANCELLED, "cancelled before sending " + target, null);
    }
    long deadline = request.deadlineNanos();
    long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
    if (left <= 0) {
      throw new TransportException(Kind.CALL_TIMEOUT, "the call deadline passed before sending " + target, null);
    }
    warnOnCleartext(request);
    HttpRequest httpRequest = toHttpRequest(request, Duration.ofNanos(Math.min(left, headersNanos)));
    Generation g = acquire();
    Exchange exchange = new Exchange(target, deadline, g);
    open.add(exchange);
    exchange.registration = cancel == null ? NO_REGISTRATION : cancel.onCancel(exchange::cancel);
    HttpResponse<InputStream> response;
    try {
      exchange.enterSend();
      try {
        if (exchange.cancelled) {
          throw new InterruptedException("cancelled before sending"); // a cancel that came before enterSend
        }
        response = g.client.send(httpRequest, exchange);
      } finally {
        exchange.leaveSend();
      }
    } catch (InterruptedException e) {
      exchange.failedBeforeHeaders();
      if (exchange.cancelled) {
        throw cancelled(exchange);
      }
      Thread.currentThread().interrupt();
      throw new TransportException(Kind.CANCELLED, "interrupted while waiting for " + target, e);
    } catch (IOException | RuntimeException e) {
      exchange.failedBeforeHeaders();
      if (exchange.cancelled || closed.get()) {
        throw cancelled(exchange);
      }
      if (JdkFailures.isHeadProtocolError(e)) {
        retire(g);
      }
      throw JdkFailures.beforeHeaders(e, target, config, deadline != Long.MAX_VALUE && deadline - System.nanoTime() <= 0);
    }
    StreamingBody body = exchange.body;
    if (exchange.cancelled) {
      body.abort(Kind.CANCELLED, "cancelled");
      throw cancelled(exchange);
    }
    return TransportResponse.of(response.statusCode(), JdkHeaders.from(response.headers()), body);
  }

  /**
   * Starts the exchange with {@link HttpClient#sendAsync} and pushes the response to the receiver as it asks for it
   * ({@link PushedExchange}); no thread waits for it. The head arrives through the body handler, on the client's
   * threads, so the returned future is only used for failures before the head (and to abort an exchange still
   * waiting for its head). The response-headers timeout is the request's own, as for {@link #send}; the idle timeout,
   * the call deadline during the body and the drain limit of a released body are checked by the {@link Sweeper}.
   */
  @Override
  public void exchange(TransportRequest request, CancelToken cancel, Executor blocking, ResponseReceiver receiver) {
    if (closed.get()) {
      receiver.onFailure(new TransportException(Kind.CANCELLED, "the jdk transport is closed", null));
      return;
    }
    String target = request.method() + " " + request.redactedUri();
    if (cancel != null && cancel.isCancelled()) {
      receiver.onFailure(new TransportException(Kind.CANCELLED, "cancelled before sending " + target, null));
      return;
    }
    long deadline = request.deadlineNanos();
    long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
    if (left <= 0) {
      receiver.onFailure(new TransportException(Kind.CALL_TIMEOUT, "the call deadline passed before sending " + target,
          null));
      return;
    }
    warnOnCleartext(request);
    HttpRequest httpRequest;
    try {
      httpRequest = toHttpRequest(request, Duration.ofNanos(Math.min(left, headersNanos)));
    } catch (IllegalArgumentException e) {
      receiver.onFailure(new TransportException(Kind.IO, e.getMessage(), null));
      return;
    }
    Generation g;
    try {
      g = acquire();
    } catch (IllegalStateException e) {
      receiver.onFailure(new TransportException(Kind.CANCELLED, "the jdk transport is closed", null));
      return;
    }
    PushedExchange[] self = new PushedExchange[1];
    PushedExchange x = new PushedExchange(target, deadline, idleNanos, config.maxResponseBytes(), receiver, () -> {
      pushed.remove(self[0]);
      g.release();
    });
    self[0] = x;
    pushed.add(x);
    sweeper.watch();
    CancelToken.Registration r = cancel == null ? NO_REGISTRATION
        : cancel.onCancel(() -> x.abort(Kind.CANCELLED, "cancelled"));
    CompletableFuture<HttpResponse<Void>> future;
    try {
      future = g.client.sendAsync(httpRequest, x);
    } catch (RuntimeException e) {
      r.close();
      x.failedBeforeHead(JdkFailures.beforeHeaders(e, target, config, false));
      return;
    }
    x.started(future, r);
    future.whenComplete((response, failure) -> {
      if (failure != null && !x.headReceived()) {
        if (JdkFailures.isHeadProtocolError(failure)) {
          retire(g);
        }
        x.failedBeforeHead(JdkFailures.beforeHeaders(failure, target, config,
            deadline != Long.MAX_VALUE && deadline - System.nanoTime() <= 0));
      }
    });
  }

  private static TransportException cancelled(Exchange exchange) {
    return new TransportException(Kind.CANCELLED, "cancelled: " + exchange.target, null);
  }

  private void warnOnCleartext(TransportRequest request) {
    if (request.cleartextToRemoteHost()) {
      String host = request.uri().getHost();
      if (warnedHosts.size() < 64 && warnedHosts.add(host)) {
        LOG.log(System.Logger.Level.WARNING, "jdk transport: sending cleartext http to {0}: credentials and "
            + "content travel unencrypted; use https for anything but a local server (logged once per host)", host);
      }
    }
  }

  private HttpRequest toHttpRequest(TransportRequest request, Duration headersTimeout) {
    HttpRequest.BodyPublisher publisher = request.body().length == 0
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(request.body());
    HttpRequest.Builder b = HttpRequest.newBuilder(request.uri()).method(request.method(), publisher)
        .timeout(headersTimeout);
    if ("http".equalsIgnoreCase(request.uri().getScheme())) {
      // cleartext: HTTP/1.1 straight away; no h2c upgrade attempt (an Upgrade header some servers mishandle)
      b.version(HttpClient.Version.HTTP_1_1);
    }
    request.headers().forEach((name, values) -> {
      if (CLIENT_MANAGED.contains(name.toLowerCase(Locale.ROOT))) {
        LOG.log(System.Logger.Level.DEBUG, "jdk transport: header {0} is set by the HTTP client, not by the caller",
            name);
        return;
      }
      for (String value : values) {
        try {
          b.header(name, value);
        } catch (IllegalArgumentException ex) {
          // TransportRequest admits only what HTTP allows; what is left is a header the JDK restricts
          throw new IllegalArgumentException("request header '" + name + "' cannot be sent by the jdk transport "
              + "(the JDK client does not let callers set it)", null);
        }
      }
    });
    proxyAuthorization(request.uri()).ifPresent(v -> b.header("Proxy-Authorization", v));
    return b.build();
  }

  /**
   * Basic proxy credentials, sent pre-emptively and only when the selector routes this URI through an HTTP
   * proxy. (The JDK client's {@link java.net.Authenticator} is not used: with one installed, every 401 of an
   * origin that it does not answer becomes an IOException instead of a response the caller can read.) The JDK
   * client sends the header to the proxy only: on the CONNECT of a tunnel, and never inside it.
   */
  private java.util.Optional<String> proxyAuthorization(java.net.URI uri) {
    TransportConfig.ProxyCredentials creds = config.proxyAuth();
    if (creds == null || config.proxy() == null) {
      return java.util.Optional.empty();
    }
    boolean viaHttpProxy = config.proxy().select(uri).stream().anyMatch(p -> p.type() == java.net.Proxy.Type.HTTP);
    if (!viaHttpProxy) {
      return java.util.Optional.empty();
    }
    java.nio.CharBuffer chars = java.nio.CharBuffer.allocate(creds.username().length() + 1 + creds.password().length);
    chars.put(creds.username()).put(':').put(creds.password()).flip();
    java.nio.ByteBuffer bytes = java.nio.charset.StandardCharsets.UTF_8.encode(chars);
    byte[] raw = new byte[bytes.remaining()];
    bytes.get(raw);
    java.util.Arrays.fill(chars.array(), '\0');
    String value = "Basic " + java.util.Base64.getEncoder().encodeToString(raw);
    java.util.Arrays.fill(raw, (byte) 0);
    return java.util.Optional.of(value);
  }

  // ---- client generations (see the class comment on protocol errors)

  /** The current client, counted as in use until the exchange ends. */
  private Generation acquire() {
    while (true) {
      Generation g = generation;
      if (g == null) {
        throw new IllegalStateException("the jdk transport is closed");
      }
      int users = g.users.get();
      if (users > 0 && g.users.compareAndSet(users, users + 1)) {
        return g;
      }
      Thread.onSpinWait(); // a retired generation just being replaced
    }
  }

  /** New exchanges go to a fresh client; the old one is shut down once its exchanges end (Java 21+ only). */
  private void retire(Generation g) {
    if (SHUTDOWN == null || closed.get() || generation != g) { // Java 17: a new client would not close the old one
      return;
    }
    synchronized (this) {
      if (generation != g || closed.get()) {
        return;
      }
      generation = new Generation(buildClient(config));
    }
    LOG.log(System.Logger.Level.DEBUG, "jdk transport: a malformed response head left a connection the JDK client "
        + "does not close; retiring that client");
    g.release(); // the transport's own reference
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (Exchange e : open) {
      e.cancel();
    }
    open.clear();
    for (PushedExchange e : pushed) {
      e.abort(Kind.CANCELLED, "the transport was closed");
    }
    pushed.clear();
    sweeper.stop();
    Generation g = generation;
    generation = null; // on Java 17 the client's threads and pooled connections end once it is unreachable
    invoke(CLOSE, g.client);
  }

  private static void invoke(MethodHandle method, HttpClient client) {
    if (method == null) {
      return; // Java 17: the client's selector thread ends (closing its pooled connections) once it is unreachable
    }
    try {
      method.invoke(client);
    } catch (Throwable e) {
      LOG.log(System.Logger.Level.DEBUG, "closing a JDK HttpClient failed", e);
    }
  }

  @Override
  public String toString() {
    return "JdkTransport[" + (closed.get() ? "closed" : "open") + ", open exchanges=" + (open.size() + pushed.size())
        + "]";
  }

  /** One client and how many exchanges (plus the transport itself, while it is current) use it. */
  private static final class Generation {
    final HttpClient client;
    final AtomicInteger users = new AtomicInteger(1);

    Generation(HttpClient client) {
      this.client = client;
    }

    void release() {
      if (users.decrementAndGet() == 0) {
        invoke(SHUTDOWN, client); // orderly: closes the connections, the leaked one included
      }
    }
  }

  /** One request/response: the body handler of its send, and what cancellation and {@link #close()} reach. */
  private final class Exchange implements HttpResponse.BodyHandler<InputStream> {
    final String target;
    final long deadlineNanos;
    /** Until the exchange ends (then dropped: a body kept by the caller must not keep the client reachable). */
    private volatile Generation generation;
    final AtomicBoolean finished = new AtomicBoolean();
    volatile StreamingBody body;
    volatile boolean cancelled;
    volatile CancelToken.Registration registration;
    /** The thread blocked in send while {@link #inSend}; guarded by this. */
    private Thread caller;
    private boolean inSend;
    private boolean interruptedByUs;

    Exchange(String target, long deadlineNanos, Generation generation) {
      this.target = target;
      this.deadlineNanos = deadlineNanos;
      this.generation = generation;
    }

    @Override
    public HttpResponse.BodySubscriber<InputStream> apply(HttpResponse.ResponseInfo info) {
      StreamingBody b = new StreamingBody(target, config.maxResponseBytes(), idleNanos, deadlineNanos, this::finished);
      StreamingBody previous = body;
      body = b;
      if (previous != null) {
        previous.abort(Kind.CANCELLED, "superseded");
      }
      if (cancelled) {
        b.abort(Kind.CANCELLED, "cancelled");
      }
      return b;
    }

    synchronized void enterSend() {
      caller = Thread.currentThread();
      inSend = true;
    }

    void leaveSend() {
      boolean clear;
      synchronized (this) {
        inSend = false;
        caller = null;
        clear = interruptedByUs;
      }
      if (clear) {
        Thread.interrupted(); // our interrupt must not outlive send (it may have come just as send returned)
      }
    }

    void cancel() {
      cancelled = true;
      StreamingBody b = body;
      if (b != null) {
        b.abort(Kind.CANCELLED, "cancelled"); // the body's failure is set first, so it reports this kind
      }
      synchronized (this) {
        if (inSend && caller != Thread.currentThread()) {
          interruptedByUs = true;
          caller.interrupt(); // send cancels the exchange when its waiting thread is interrupted
        }
      }
    }

    void failedBeforeHeaders() {
      StreamingBody b = body;
      if (b != null) {
        b.abort(Kind.CANCELLED, "send failed");
      }
      finished();
    }

    void finished() {
      if (finished.compareAndSet(false, true)) {
        open.remove(this);
        CancelToken.Registration r = registration;
        if (r != null) {
          r.close();
        }
        Generation g = generation;
        generation = null;
        g.release();
      }
    }
  }
}
