package dev.ailib.transport.httpclient5;

import dev.ailib.api.CancelToken;
import dev.ailib.api.error.TransportException;
import dev.ailib.api.error.TransportException.Kind;
import dev.ailib.core.spi.transport.HttpHeaders;
import dev.ailib.core.spi.transport.ResponseReceiver;
import dev.ailib.core.spi.transport.Transport;
import dev.ailib.core.spi.transport.TransportConfig;
import dev.ailib.core.spi.transport.TransportRequest;
import dev.ailib.core.spi.transport.TransportResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.SystemDefaultRoutePlanner;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * A transport on one pooled {@link CloseableHttpClient} (classic API). The classic client starts no threads of its
 * own: requests run on the caller's thread and bodies are read on the reader's thread. Connections are this
 * transport's {@link GuardedConnection}s (reads bounded by the headers timeout, the idle timeout and the call
 * deadline; masked heads logging; no wire logging), and one {@link Sweeper} thread ends requests whose write the
 * server does not read.
 */
final class HttpClient5Transport implements Transport {
  /** Headers the client derives from the entity and the connection, refused from callers. */
  private static final Set<String> CLIENT_MANAGED = Set.of("content-length", "host", "connection", "transfer-encoding");
  private static final System.Logger LOG = System.getLogger(HttpClient5Transport.class.getName());
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final TransportConfig config;
  private final PoolingHttpClientConnectionManager pool;
  private final CloseableHttpClient client;
  private final Set<Exchange> open = ConcurrentHashMap.newKeySet();
  private final Set<PushedExchange> pushed = ConcurrentHashMap.newKeySet();
  private final AsyncRequesters requesters;
  private final Set<String> warnedHosts = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Sweeper sweeper;
  private final long headersNanos;
  private final long connectNanos;
  private final RequestConfig requestConfig;

  HttpClient5Transport(TransportConfig config) {
    this.config = config;
    this.headersNanos = config.timeouts().responseHeaders().toNanos();
    this.sweeper = new Sweeper(open, pushed, config.timeouts().responseHeaders(), config.timeouts().idle(),
        "ailib-httpclient5-" + INSTANCES.incrementAndGet() + "-sweeper");
    this.requesters = new AsyncRequesters(config);
    Duration connect = config.timeouts().connect();
    this.connectNanos = connect.toNanos();
    this.requestConfig = RequestConfig.custom()
        .setConnectionRequestTimeout(timeout(connect))
        .setResponseTimeout(timeout(config.timeouts().responseHeaders()))
        .setRedirectsEnabled(false)
        .setContentCompressionEnabled(false)
        .setProtocolUpgradeEnabled(false)
        .build();
    PoolingHttpClientConnectionManagerBuilder pb = PoolingHttpClientConnectionManagerBuilder.create()
        .setConnectionFactory(GuardedConnection.FACTORY)
        .setMaxConnTotal(config.maxConnections())
        .setMaxConnPerRoute(config.maxConnections())
        .setDefaultConnectionConfig(ConnectionConfig.custom()
            .setConnectTimeout(timeout(connect))
            .setSocketTimeout(timeout(config.timeouts().idle()))
            .setValidateAfterInactivity(TimeValue.ofSeconds(2))
            .build());
    if (config.sslContext() != null) {
      pb.setTlsSocketStrategy(new DefaultClientTlsStrategy(config.sslContext()));
    }
    this.pool = pb.build();
    HttpClientBuilder cb = HttpClientBuilder.create()
        .setConnectionManager(pool)
        .setRequestExecutor(new StreamingRequestExecutor(config.timeouts().idle()))
        .setDefaultRequestConfig(requestConfig)
        .disableAutomaticRetries()
        .disableRedirectHandling()
        .disableContentCompression()
        .disableCookieManagement();
    if (config.proxy() != null) {
      cb.setRoutePlanner(new SystemDefaultRoutePlanner(config.proxy()));
    }
    this.client = cb.build();
  }

  private static Timeout timeout(Duration d) {
    return Timeout.of(d.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public TransportResponse send(TransportRequest request, CancelToken cancel) {
    if (closed.get()) {
      throw new IllegalStateException("the httpclient5 transport is closed");
    }
    String target = request.method() + " " + request.redactedUri();
    if (cancel != null && cancel.isCancelled()) {
      throw new TransportException(Kind.CANCELLED, "cancelled before sending " + target, null);
    }
    long now = System.nanoTime();
    long deadline = request.deadlineNanos();
    if (deadline != Long.MAX_VALUE && deadline - now <= 0) {
      throw new TransportException(Kind.CALL_TIMEOUT, "the call deadline passed before sending " + target, null);
    }
    warnOnCleartext(request);
    HttpUriRequestBase httpRequest = toHttpRequest(request);
    capConnectByDeadline(httpRequest, deadline, now);
    String realPath = maskQueryForLogs(request, httpRequest);
    long headDeadline = now + headersNanos;
    Exchange exchange = new Exchange(target, httpRequest, realPath, deadline - headDeadline < 0 ? deadline
        : headDeadline, deadline);
    HttpClientContext context = HttpClientContext.create();
    context.setAttribute(Exchange.ATTRIBUTE, exchange);
    if (config.proxyAuth() != null && config.proxy() != null) {
      context.setCredentialsProvider(proxyCredentials(request.uri()));
    }
    open.add(exchange);
    sweeper.watch();
    CancelToken.Registration registration = cancel == null ? () -> { } : cancel.onCancel(exchange::cancel);
    exchange.registration(registration, () -> open.remove(exchange));
    ClassicHttpResponse response;
    try {
      response = client.executeOpen(null, httpRequest, context);
    } catch (IOException | RuntimeException e) {
      exchange.abort();
      exchange.finished();
      throw HttpClient5Failures.beforeHeaders(e, exchange, config);
    }
    if (exchange.cancelled()) {
      exchange.abort();
      closeQuietly(response);
      exchange.finished();
      throw new TransportException(Kind.CANCELLED, "cancelled: " + target, null);
    }
    HttpHeaders headers = headers(response.getHeaders());
    StreamingBody body = new StreamingBody(exchange, response, config.maxResponseBytes(), config.timeouts().idle());
    return TransportResponse.of(response.getCode(), headers, body);
  }

  /**
   * Starts the exchange on HttpCore 5's non-blocking requester ({@link AsyncRequesters}, {@link PushedExchange}): no
   * thread waits for it, and the body is read no faster than the receiver asks. Every timeout is the
   * {@link Sweeper}'s: connect (and the wait for a pooled connection), response headers, idle, the call deadline
   * and the drain limit of a released body. Through a proxy (HttpCore's requester does not route through
   * one), the exchange takes {@link Transport}'s blocking default: {@link #send} on a task of {@code blocking}.
   */
  @Override
  public void exchange(TransportRequest request, CancelToken cancel, Executor blocking, ResponseReceiver receiver) {
    if (config.proxy() != null) {
      Transport.super.exchange(request, cancel, blocking, receiver);
      return;
    }
    if (closed.get()) {
      receiver.onFailure(new TransportException(Kind.CANCELLED, "the httpclient5 transport is closed", null));
      return;
    }
    String target = request.method() + " " + request.redactedUri();
    if (cancel != null && cancel.isCancelled()) {
      receiver.onFailure(new TransportException(Kind.CANCELLED, "cancelled before sending " + target, null));
      return;
    }
    long now = System.nanoTime();
    long deadline = request.deadlineNanos();
    if (deadline != Long.MAX_VALUE && deadline - now <= 0) {
      receiver.onFailure(new TransportException(Kind.CALL_TIMEOUT, "the call deadline passed before sending " + target,
          null));
      return;
    }
    warnOnCleartext(request);
    // scheme, host and port only: HttpCore refuses a request whose authority has user-info ("deprecated userinfo
    // component"), which the classic path and the jdk transport leave out of the request
    org.apache.hc.core5.http.HttpHost host = new org.apache.hc.core5.http.HttpHost(request.uri().getScheme(),
        request.uri().getHost(), request.uri().getPort());
    String rawPath = request.uri().getRawPath();
    String path = (rawPath == null || rawPath.isEmpty() ? "/" : rawPath)
        + (request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery());
    org.apache.hc.core5.http.message.BasicHttpRequest httpRequest =
        new org.apache.hc.core5.http.message.BasicHttpRequest(request.method(), host, path);
    request.headers().forEach((name, values) -> {
      if (CLIENT_MANAGED.contains(name.toLowerCase(Locale.ROOT))) {
        LOG.log(System.Logger.Level.DEBUG, "httpclient5 transport: header {0} is set by the HTTP client", name);
        return;
      }
      for (String v : values) {
        httpRequest.addHeader(name, v);
      }
    });
    long headDeadline = now + headersNanos;
    PushedExchange[] self = new PushedExchange[1];
    long connectDeadline = now + connectNanos;
    PushedExchange x = new PushedExchange(target, httpRequest, request.body(), null,
        deadline - connectDeadline < 0 ? deadline : connectDeadline,
        deadline - headDeadline < 0 ? deadline : headDeadline, deadline, config.timeouts().idle().toNanos(),
        config.maxResponseBytes(), receiver, () -> pushed.remove(self[0]), requesters::poolFull);
    self[0] = x;
    pushed.add(x);
    sweeper.watch();
    CancelToken.Registration r = cancel == null ? () -> { }
        : cancel.onCancel(() -> x.abort(Kind.CANCELLED, "cancelled"));
    java.util.concurrent.Future<org.apache.hc.core5.http.nio.AsyncClientEndpoint> lease;
    try {
      // no timeout of HttpCore's: it would become the connection's socket timeout (the sweeper times the connect)
      lease = requesters.get().connect(host, Timeout.DISABLED, null, x);
    } catch (RuntimeException e) {
      r.close();
      x.abort(Kind.CANCELLED, "the httpclient5 transport cannot start exchanges: " + e.getClass().getSimpleName());
      return;
    }
    x.leasing(lease, r);
  }

  /**
   * A call deadline nearer than the connect timeout bounds connecting and the wait for a pooled connection too
   * (HttpClient 5 takes a per-request connect timeout from the request config; deprecated there in favour of the
   * pool's connection config, which cannot vary per request, but still honoured).
   */
  @SuppressWarnings("deprecation")
  private void capConnectByDeadline(HttpUriRequestBase httpRequest, long deadline, long now) {
    if (deadline == Long.MAX_VALUE || deadline - now >= connectNanos) {
      return;
    }
    Timeout left = Timeout.of(Math.max(1, deadline - now), TimeUnit.NANOSECONDS);
    httpRequest.setConfig(RequestConfig.copy(requestConfig).setConnectTimeout(left).setConnectionRequestTimeout(left)
        .build());
  }

  private void warnOnCleartext(TransportRequest request) {
    if (request.cleartextToRemoteHost()) {
      String host = request.uri().getHost();
      if (warnedHosts.size() < 64 && warnedHosts.add(host)) {
        LOG.log(System.Logger.Level.WARNING, "httpclient5 transport: sending cleartext http to {0}: credentials "
            + "and content travel unencrypted; use https for anything but a local server (logged once per host)",
            host);
      }
    }
  }

  /**
   * When the query carries a credential, gives the client's request a masked path (HttpClient 5 logs the request
   * line at DEBUG before sending) and returns the real one, which {@link StreamingRequestExecutor} puts back just
   * before the request is written. Null when nothing needs masking.
   */
  private static String maskQueryForLogs(TransportRequest request, HttpUriRequestBase httpRequest) {
    String rawQuery = request.uri().getRawQuery();
    if (rawQuery == null) {
      return null;
    }
    String redacted = request.redactedUri();
    String maskedQuery = redacted.substring(redacted.indexOf('?') + 1);
    if (maskedQuery.equals(rawQuery)) {
      return null;
    }
    String real = httpRequest.getPath();
    String rawPath = request.uri().getRawPath();
    httpRequest.setPath((rawPath == null || rawPath.isEmpty() ? "/" : rawPath) + "?" + maskedQuery);
    return real;
  }

  /** Credentials for the proxies the selector picks for this URI only, so they never reach the origin. */
  private BasicCredentialsProvider proxyCredentials(URI uri) {
    BasicCredentialsProvider p = new BasicCredentialsProvider();
    TransportConfig.ProxyCredentials creds = config.proxyAuth();
    for (Proxy proxy : config.proxy().select(uri)) {
      if (proxy.type() == Proxy.Type.HTTP && proxy.address() instanceof InetSocketAddress a) {
        p.setCredentials(new AuthScope(a.getHostString(), a.getPort()),
            new UsernamePasswordCredentials(creds.username(), creds.password().clone()));
      }
    }
    return p;
  }

  /**
   * The URI without its user-info: HttpCore refuses a request whose authority has one ("deprecated userinfo
   * component"), and the jdk transport leaves it out of the request too (it is no credential of the provider's).
   */
  static URI withoutUserInfo(URI uri) {
    if (uri.getRawUserInfo() == null) {
      return uri;
    }
    return URI.create(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
        + (uri.getRawPath() == null ? "" : uri.getRawPath())
        + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
  }

  private static HttpUriRequestBase toHttpRequest(TransportRequest request) {
    HttpUriRequestBase r = new HttpUriRequestBase(request.method(), withoutUserInfo(request.uri()));
    request.headers().forEach((name, values) -> {
      if (CLIENT_MANAGED.contains(name.toLowerCase(Locale.ROOT))) {
        LOG.log(System.Logger.Level.DEBUG, "httpclient5 transport: header {0} is set by the HTTP client", name);
        return;
      }
      for (String v : values) {
        r.addHeader(name, v);
      }
    });
    byte[] body = request.body();
    if (body.length > 0) {
      r.setEntity(new ByteArrayEntity(body, null)); // Content-Type travels as a request header
    }
    return r;
  }

  private static HttpHeaders headers(Header[] all) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (Header h : all) {
      m.computeIfAbsent(h.getName(), k -> new java.util.ArrayList<>()).add(h.getValue());
    }
    return HttpHeaders.of(m);
  }

  static void closeQuietly(ClassicHttpResponse response) {
    try {
      response.close();
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.TRACE, "closing an aborted response failed", e);
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (Exchange e : open) {
      e.cancel(); // readers and waiting senders see CANCELLED
    }
    open.clear();
    for (PushedExchange e : pushed) {
      e.abort(Kind.CANCELLED, "the transport was closed");
    }
    pushed.clear();
    requesters.close();
    sweeper.stop();
    client.close(CloseMode.IMMEDIATE);
    pool.close(CloseMode.IMMEDIATE);
  }

  @Override
  public String toString() {
    return "HttpClient5Transport[" + (closed.get() ? "closed" : "open") + ", open exchanges=" + (open.size()
        + pushed.size()) + "]";
  }
}
