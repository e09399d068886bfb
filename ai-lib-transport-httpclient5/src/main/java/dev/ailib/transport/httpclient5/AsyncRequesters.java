package dev.ailib.transport.httpclient5;

import dev.ailib.core.spi.transport.TransportConfig;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.bootstrap.AsyncRequesterBootstrap;
import org.apache.hc.core5.http.impl.bootstrap.HttpAsyncRequester;
import org.apache.hc.core5.http.protocol.HttpProcessorBuilder;
import org.apache.hc.core5.http.protocol.RequestConnControl;
import org.apache.hc.core5.http.protocol.RequestContent;
import org.apache.hc.core5.http.protocol.RequestTargetHost;
import org.apache.hc.core5.http.protocol.RequestUserAgent;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolReusePolicy;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * The non-blocking side of the transport: one HttpCore 5 {@link HttpAsyncRequester} (its I/O reactor, a connection
 * pool of its own), created with the first pushed exchange. HttpCore's requester rather than HttpClient 5's async
 * client: the async client logs every request header, the API key included, to
 * {@code org.apache.hc.client5.http.headers} at DEBUG, and its logging cannot be turned off from the client;
 * HttpCore logs nothing. What the client would add (routing, authentication, redirects, retries) the transport does
 * not use: core decides retries, redirects are never followed, and exchanges through a proxy take the blocking
 * default instead (see {@link HttpClient5Transport#exchange}).
 */
final class AsyncRequesters implements AutoCloseable {
  /** Bytes of each of a connection's session buffers (HttpCore's default: 32 KiB). */
  static final int SESSION_BUFFER = 8 * 1024;
  private final TransportConfig config;
  private HttpAsyncRequester requester; // guarded by this
  private boolean closed; // guarded by this

  AsyncRequesters(TransportConfig config) {
    this.config = config;
  }

  /** The requester, started on first use. */
  synchronized HttpAsyncRequester get() {
    if (closed) {
      throw new IllegalStateException("the httpclient5 transport is closed");
    }
    if (requester == null) {
      int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
      HttpAsyncRequester r = AsyncRequesterBootstrap.bootstrap()
          .setIOReactorConfig(IOReactorConfig.custom()
              .setIoThreadCount(threads)
              .setSoTimeout(Timeout.DISABLED) // timeouts are the sweeper's: a receiver that takes its time is not idle
              .setTcpNoDelay(true)
              .setSoKeepAlive(true)
              .build())
          // one piece of capacity at a time: the connection is read no faster than the receiver asks
          // 8 KiB session buffers instead of HttpCore's 32 KiB: each connection holds three of them for as long as
          // its stream is open (1,000 open streams: 96 MB of buffers at 32 KiB, 24 MB at 8 KiB); a connection's
          // reads still fill one piece at a time
          .setHttp1Config(Http1Config.custom().setBufferSize(SESSION_BUFFER)
              .setInitialWindowSize(PushedExchange.PIECE).build())
          // no Expect: 100-continue (HttpCore's default client processor adds it and then waits for the server)
          .setHttpProcessor(HttpProcessorBuilder.create().addAll(new RequestContent(), new RequestTargetHost(),
              new RequestConnControl(), new RequestUserAgent()).build())
          .setMaxTotal(config.maxConnections())
          .setDefaultMaxPerRoute(config.maxConnections())
          .setPoolReusePolicy(PoolReusePolicy.LIFO)
          .setTlsStrategy(config.sslContext() == null ? DefaultClientTlsStrategy.createDefault()
              : new DefaultClientTlsStrategy(config.sslContext()))
          .setTlsHandshakeTimeout(Timeout.of(config.timeouts().connect().toNanos(), TimeUnit.NANOSECONDS))
          .create();
      r.start();
      requester = r;
    }
    return requester;
  }

  /**
   * Whether every connection of the pool is leased: an exchange that has no connection yet then waits for the pool,
   * not for a connect.
   */
  synchronized boolean poolFull() {
    return requester != null && requester.getTotalStats().getLeased() >= config.maxConnections();
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (requester != null) {
      requester.close(CloseMode.IMMEDIATE);
      requester = null;
    }
  }
}
