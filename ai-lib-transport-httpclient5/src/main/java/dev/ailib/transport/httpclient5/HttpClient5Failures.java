package dev.ailib.transport.httpclient5;

import dev.ailib.api.error.TransportException;
import dev.ailib.api.error.TransportException.Kind;
import dev.ailib.core.spi.transport.TransportConfig;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;

/** Maps what HttpClient 5 throws to {@link TransportException} kinds. */
final class HttpClient5Failures {
  private HttpClient5Failures() {
  }

  static TransportException beforeHeaders(Exception e, Exchange exchange, TransportConfig config) {
    String target = exchange.target;
    if (exchange.cancelled()) {
      return new TransportException(Kind.CANCELLED, "cancelled: " + target, e);
    }
    Kind expired = exchange.expired();
    boolean timedOut = expired != null || has(e, SocketTimeoutException.class) || has(e, ConnectTimeoutException.class)
        || has(e, ConnectionRequestTimeoutException.class);
    if (expired == Kind.CALL_TIMEOUT || (timedOut && exchange.deadlinePassed())) {
      return new TransportException(Kind.CALL_TIMEOUT,
          "the call deadline passed before the response headers of " + target + " arrived", e);
    }
    if (expired == Kind.RESPONSE_HEADERS_TIMEOUT) {
      return new TransportException(Kind.RESPONSE_HEADERS_TIMEOUT, "no response headers within "
          + config.timeouts().responseHeaders().toMillis() + " ms for " + target + " (the request was still being "
          + "sent)", e);
    }
    if (has(e, ConnectTimeoutException.class)) {
      return new TransportException(Kind.CONNECT_TIMEOUT,
          "could not connect within " + config.timeouts().connect().toMillis() + " ms for " + target, e);
    }
    if (has(e, ConnectionRequestTimeoutException.class)) {
      return new TransportException(Kind.POOL_TIMEOUT, "no pooled connection became free within "
          + config.timeouts().connect().toMillis() + " ms (pool size " + config.maxConnections() + ") for " + target
          + "; more calls were in flight than the pool has connections: limit them (ResilientConfig.maxInflight) or "
          + "give the client a transport with a larger TransportConfig.maxConnections", e);
    }
    if (!exchange.onTheWire() && (has(e, ConnectException.class) || has(e, UnknownHostException.class)
        || has(e, NoRouteToHostException.class) || has(e, SSLException.class))) {
      return new TransportException(Kind.CONNECT, "could not connect for " + target + ": " + describe(e), e);
    }
    if (has(e, SocketTimeoutException.class)) {
      if (!exchange.onTheWire()) {
        return new TransportException(Kind.CONNECT_TIMEOUT,
            "could not connect within " + config.timeouts().connect().toMillis() + " ms for " + target, e);
      }
      return new TransportException(Kind.RESPONSE_HEADERS_TIMEOUT, "no response headers within "
          + config.timeouts().responseHeaders().toMillis() + " ms for " + target, e);
    }
    if (has(e, org.apache.hc.core5.http.ProtocolException.class)
        || has(e, org.apache.hc.core5.http.MessageConstraintException.class)) {
      return new TransportException(Kind.IO, "malformed response head from " + target + ": " + describe(e), e);
    }
    if (e instanceof IllegalArgumentException iae) {
      throw iae;
    }
    return new TransportException(Kind.IO, "exchange failed for " + target + ": " + describe(e), e);
  }

  static TransportException duringBody(Exception e, Exchange exchange, long idleMillis) {
    String target = exchange.target;
    if (exchange.cancelled()) {
      return new TransportException(Kind.CANCELLED, "cancelled while reading the body of " + target, e);
    }
    if (has(e, SocketTimeoutException.class)) {
      if (exchange.deadlinePassed()) {
        return new TransportException(Kind.CALL_TIMEOUT,
            "the call deadline passed while waiting for body bytes: " + target, e);
      }
      return new TransportException(Kind.IDLE_TIMEOUT,
          "no body bytes within the idle timeout of " + idleMillis + " ms: " + target, e);
    }
    return new TransportException(Kind.IO, "body of " + target + " broke off: " + describe(e), e);
  }

  /**
   * Maps a failure of a pushed exchange before its response head: connecting (or waiting for a pooled connection)
   * when it is not connected yet, else the exchange on the connection.
   */
  static TransportException beforePushedHead(Exception e, String target, boolean connected, PushedExchange x) {
    if (e instanceof TransportException te) {
      return te;
    }
    boolean timeout = has(e, SocketTimeoutException.class) || has(e, ConnectTimeoutException.class)
        || has(e, java.util.concurrent.TimeoutException.class)
        || has(e, org.apache.hc.core5.util.DeadlineTimeoutException.class);
    if (timeout && x.deadlinePassed()) {
      return new TransportException(Kind.CALL_TIMEOUT,
          "the call deadline passed before the response headers of " + target + " arrived", e);
    }
    if (!connected) {
      if (timeout) {
        return new TransportException(Kind.CONNECT_TIMEOUT, "could not connect in time for " + target, e);
      }
      if (has(e, ConnectException.class) || has(e, UnknownHostException.class)
          || has(e, NoRouteToHostException.class) || has(e, SSLException.class)
          || has(e, java.nio.channels.UnresolvedAddressException.class)) {
        return new TransportException(Kind.CONNECT, "could not connect for " + target + ": " + describe(e), e);
      }
    }
    if (has(e, org.apache.hc.core5.http.ProtocolException.class)
        || has(e, org.apache.hc.core5.http.MessageConstraintException.class)) {
      return new TransportException(Kind.IO, "malformed response head from " + target + ": " + describe(e), e);
    }
    if (!connected && has(e, SSLException.class)) {
      return new TransportException(Kind.CONNECT, "could not connect for " + target + ": " + describe(e), e);
    }
    return new TransportException(Kind.IO, "exchange failed for " + target + ": " + describe(e), e);
  }

  /** Maps a failure of a pushed exchange while its body streams. */
  static TransportException duringPushedBody(Exception e, String target, PushedExchange x) {
    if (e instanceof TransportException te) {
      return te;
    }
    if (x.deadlinePassed()) {
      return new TransportException(Kind.CALL_TIMEOUT, "the call deadline passed while reading the body of "
          + target, e);
    }
    return new TransportException(Kind.IO, "body of " + target + " broke off: " + describe(e), e);
  }

  static String describe(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage();
    return root.getClass().getSimpleName() + (m == null ? "" : " (" + m + ")");
  }

  private static boolean has(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }
}
