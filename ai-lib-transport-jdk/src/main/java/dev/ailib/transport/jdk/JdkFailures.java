package dev.ailib.transport.jdk;

import dev.ailib.api.error.TransportException;
import dev.ailib.api.error.TransportException.Kind;
import dev.ailib.core.spi.transport.TransportConfig;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.CancellationException;
import javax.net.ssl.SSLException;

/** Maps what the JDK client throws to {@link TransportException} kinds. */
final class JdkFailures {
  private JdkFailures() {
  }

  /**
   * Maps a failure that happened before the response headers arrived.
   *
   * @param t what the client reported
   * @param target method and redacted URI, for the message
   * @param config for the timeout values in messages
   * @param deadlinePassed whether the call deadline had passed when the failure was seen: a timeout is then the
   *     deadline's ({@code CALL_TIMEOUT}), whichever of the client's timers fired
   * @return the exception to throw
   */
  static TransportException beforeHeaders(Throwable t, String target, TransportConfig config, boolean deadlinePassed) {
    if (t instanceof TransportException te) {
      return te;
    }
    if (deadlinePassed && has(t, HttpTimeoutException.class)) {
      return new TransportException(Kind.CALL_TIMEOUT,
          "the call deadline passed before the response headers of " + target + " arrived", t);
    }
    if (has(t, HttpConnectTimeoutException.class)) {
      return new TransportException(Kind.CONNECT_TIMEOUT,
          "could not connect within " + config.timeouts().connect().toMillis() + " ms for " + target, t);
    }
    if (has(t, HttpTimeoutException.class)) {
      return new TransportException(Kind.RESPONSE_HEADERS_TIMEOUT,
          "no response headers within " + config.timeouts().responseHeaders().toMillis() + " ms for " + target, t);
    }
    if (has(t, CancellationException.class)) {
      return new TransportException(Kind.CANCELLED, "cancelled: " + target, t);
    }
    if (has(t, java.net.ProtocolException.class)) {
      return new TransportException(Kind.IO, "malformed response head from " + target + ": " + describe(t), t);
    }
    if (has(t, ConnectException.class) || has(t, UnresolvedAddressException.class)
        || has(t, UnknownHostException.class) || has(t, NoRouteToHostException.class) || has(t, SSLException.class)) {
      return new TransportException(Kind.CONNECT, "could not connect for " + target + ": " + describe(t), t);
    }
    return new TransportException(Kind.IO, "exchange failed for " + target + ": " + describe(t), t);
  }

  /** Whether a failure before the headers is the client rejecting the response head (status line, size, 1xx). */
  static boolean isHeadProtocolError(Throwable t) {
    return has(t, java.net.ProtocolException.class);
  }

  /**
   * Maps a failure while the body streams.
   *
   * @param t what the client reported
   * @param target method and redacted URI
   * @return the exception
   */
  static TransportException duringBody(Throwable t, String target) {
    if (t instanceof TransportException te) {
      return te;
    }
    if (has(t, CancellationException.class)) {
      return new TransportException(Kind.CANCELLED, "cancelled while reading the body of " + target, t);
    }
    return new TransportException(Kind.IO, "body of " + target + " broke off: " + describe(t), t);
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
