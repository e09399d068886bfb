package dev.ailib.transport.jdk;

import dev.ailib.api.CancelToken;
import dev.ailib.api.error.TransportException;
import dev.ailib.api.error.TransportException.Kind;
import dev.ailib.core.spi.transport.Transport;
import dev.ailib.core.spi.transport.TransportConfig;
import dev.ailib.core.spi.transport.TransportRequest;
import dev.ailib.core.spi.transport.TransportResponse;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A transport on one {@link HttpClient}. The client runs on a small fixed pool of daemon threads owned by this
 * transport, one daemon watchdog thread enforces the idle timeout, and pooled daemon sender threads wait for the
 * response headers of each exchange (reused between calls); {@link #close()} aborts the open
 * exchanges and stops both, and the client's selector thread ends once the client is unreachable (on Java 21+
 * the client is closed explicitly).
 */
final class JdkTransport implements Transport {
  private static final System.Logger LOG = System.getLogger(JdkTransport.class.getName());
  /** Headers the JDK client sets itself and refuses from callers. */
  private static final Set<String> CLIENT_MANAGED = Set.of("content-length", "host", "connection");
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final TransportConfig config;
  private final ExecutorService executor;
  private final ScheduledThreadPoolExecutor watchdog;
  /** Runs the blocking sends until the headers arrive; threads are reused and end after two seconds idle. */
  private final ThreadPoolExecutor sender;
  private final Set<Exchange> open = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile HttpClient client;

  JdkTransport(TransportConfig config) {
    this.config = config;
    int id = INSTANCES.incrementAndGet();
    int threads = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(), daemonThreads("ailib-jdk-http-" + id + "-worker-"));
    pool.prestartAllCoreThreads();
    this.executor = pool;
    this.watchdog = new ScheduledThreadPoolExecutor(1, daemonThreads("ailib-jdk-http-" + id + "-watchdog-"));
    this.watchdog.setRemoveOnCancelPolicy(true);
    this.watchdog.prestartAllCoreThreads();
    this.sender = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 2, TimeUnit.SECONDS, new SynchronousQueue<>(),
        daemonThreads("ailib-jdk-http-" + id + "-send-"));
    this.client = buildClient(config, pool);
  }

  private static HttpClient buildClient(TransportConfig config, ExecutorService executor) {
    HttpClient.Builder b = HttpClient.newBuilder()
        .executor(executor)
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

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public TransportResponse send(TransportRequest request, CancelToken cancel) {
    HttpClient c = client;
    if (closed.get() || c == null) {
      throw new IllegalStateException("the jdk transport is closed");
    }
    String target = request.method() + " " + request.redactedUri();
    if (cancel != null && cancel.isCancelled()) {
      throw new TransportException(Kind.CANCELLED, "cancelled before sending " + target, null);
    }
    HttpRequest httpRequest = toHttpRequest(request);
    Exchange exchange = new Exchange(target);
    open.add(exchange);
    CancelToken.Registration registration = cancel == null ? () -> { } : cancel.onCancel(exchange::cancel);
    exchange.registration = registration;
    try {
      HttpResponse.BodyHandler<java.io.InputStream> handler = info -> {
        StreamingBody body = new StreamingBody(target, config.maxResponseBytes(), config.timeouts().idle(), watchdog,
            exchange::finished);
        exchange.body(body);
        exchange.head.complete(new Head(info.statusCode(), info.headers(), body));
        return body;
      };
      try {
        exchange.future = sender.submit(() -> sendOnPoolThread(c, httpRequest, handler, exchange));
      } catch (java.util.concurrent.RejectedExecutionException e) {
        throw new TransportException(Kind.CANCELLED, "the jdk transport is closed: " + target, null);
      }
      if (exchange.cancelled) {
        exchange.abort(Kind.CANCELLED, "cancelled");
      }
      Head head = await(exchange);
      head.body().startWatchdog();
      return TransportResponse.of(head.status(), JdkHeaders.from(head.headers()), head.body());
    } catch (RuntimeException | Error e) {
      exchange.abort(Kind.CANCELLED, "send failed");
      exchange.finished();
      throw e;
    }
  }

  /**
   * Runs the blocking {@link HttpClient#send} on a pooled sender thread. The blocking form is used because
   * {@link HttpClient#sendAsync} on Java 17 completes its future through {@code CompletableFuture}'s default
   * executor, which starts a new thread per call when the common pool has parallelism 1 (two cores). The caller
   * does not wait for {@code send} to return: the body handler completes the exchange's head as soon as the
   * response headers are in.
   */
  private static void sendOnPoolThread(HttpClient c, HttpRequest request,
      HttpResponse.BodyHandler<java.io.InputStream> handler, Exchange exchange) {
    try {
      c.send(request, handler);
    } catch (InterruptedException e) {
      exchange.head.completeExceptionally(new CancellationException("interrupted"));
    } catch (Throwable t) {
      exchange.head.completeExceptionally(t);
    }
  }

  /** Status, headers and body of a response whose headers arrived. */
  private record Head(int status, java.net.http.HttpHeaders headers, StreamingBody body) {
  }

  private Head await(Exchange exchange) {
    Duration headers = config.timeouts().responseHeaders();
    try {
      return exchange.head.get(headers.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      exchange.abort(Kind.RESPONSE_HEADERS_TIMEOUT, "no response headers");
      if (exchange.cancelled) {
        throw cancelled(exchange);
      }
      throw new TransportException(Kind.RESPONSE_HEADERS_TIMEOUT,
          "no response headers within " + headers.toMillis() + " ms for " + exchange.target, e);
    } catch (CancellationException e) {
      throw cancelled(exchange);
    } catch (ExecutionException e) {
      if (exchange.cancelled) {
        throw cancelled(exchange);
      }
      throw JdkFailures.beforeHeaders(e.getCause(), exchange.target, config);
    } catch (InterruptedException e) {
      exchange.cancel();
      Thread.currentThread().interrupt();
      throw new TransportException(Kind.CANCELLED, "interrupted while waiting for " + exchange.target, e);
    }
  }

  private static TransportException cancelled(Exchange exchange) {
    return new TransportException(Kind.CANCELLED, "cancelled: " + exchange.target, null);
  }

  private HttpRequest toHttpRequest(TransportRequest request) {
    HttpRequest.BodyPublisher publisher = request.body().length == 0
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(request.body());
    HttpRequest.Builder b = HttpRequest.newBuilder(request.uri()).method(request.method(), publisher);
    if ("http".equalsIgnoreCase(request.uri().getScheme())) {
      // cleartext: HTTP/1.1 straight away; no h2c upgrade attempt (an Upgrade header some servers mishandle)
      b.version(HttpClient.Version.HTTP_1_1);
    }
    for (Map.Entry<String, List<String>> e : request.headers().toMap().entrySet()) {
      String name = e.getKey();
      if (CLIENT_MANAGED.contains(name.toLowerCase(Locale.ROOT))) {
        LOG.log(System.Logger.Level.DEBUG, "jdk transport: header {0} is set by the HTTP client, not by the caller",
            name);
        continue;
      }
      for (String value : e.getValue()) {
        try {
          b.header(name, value);
        } catch (IllegalArgumentException ex) {
          throw new IllegalArgumentException("request header '" + name + "' cannot be sent by the jdk transport: "
              + ex.getMessage(), ex);
        }
      }
    }
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

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (Exchange e : open) {
      e.abort(Kind.CANCELLED, "transport closed");
    }
    open.clear();
    HttpClient c = client;
    client = null;
    if (((Object) c) instanceof AutoCloseable closeable) { // Java 21+: HttpClient is AutoCloseable
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.log(System.Logger.Level.DEBUG, "closing the JDK HttpClient failed", e);
      }
    }
    watchdog.shutdownNow();
    sender.shutdownNow();
    executor.shutdownNow();
  }

  @Override
  public String toString() {
    return "JdkTransport[" + (closed.get() ? "closed" : "open") + ", open exchanges=" + open.size() + "]";
  }

  /** One request/response, for cancellation and for {@link #close()}. */
  private final class Exchange {
    final String target;
    /** Completed by the body handler when the headers arrive, or exceptionally when the exchange fails first. */
    final CompletableFuture<Head> head = new CompletableFuture<>();
    volatile java.util.concurrent.Future<?> future;
    volatile StreamingBody body;
    volatile boolean cancelled;
    volatile CancelToken.Registration registration;

    Exchange(String target) {
      this.target = target;
    }

    void body(StreamingBody b) {
      StreamingBody previous = body;
      body = b;
      if (previous != null) {
        previous.abort(Kind.CANCELLED, "superseded");
      }
      if (cancelled) {
        b.abort(Kind.CANCELLED, "cancelled");
      }
    }

    void cancel() {
      cancelled = true;
      abort(Kind.CANCELLED, "cancelled");
    }

    void abort(Kind kind, String why) {
      StreamingBody b = body;
      if (b != null) {
        b.abort(kind, why); // the body's failure is set first, so it reports this kind, not the JDK's reaction
      }
      // before the headers: interrupting the sender thread makes HttpClient.send cancel the exchange; after them,
      // cancelling the body's subscription (above) closes the connection and send has returned or is returning
      if (head.completeExceptionally(new CancellationException(why)) || head.isCompletedExceptionally()) {
        java.util.concurrent.Future<?> f = future;
        if (f != null) {
          f.cancel(true);
        }
      }
    }

    void finished() {
      open.remove(this);
      CancelToken.Registration r = registration;
      if (r != null) {
        r.close();
      }
    }
  }
}
