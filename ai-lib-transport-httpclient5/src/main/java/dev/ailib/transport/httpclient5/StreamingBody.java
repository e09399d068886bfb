package dev.ailib.transport.httpclient5;

import dev.ailib.api.error.TransportException;
import dev.ailib.api.error.TransportException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Objects;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;

/**
 * The response body read straight from the connection's stream on the reader's thread. Counts bytes against
 * the maximum, maps failures to {@link TransportException}, and on {@link #close()} before the end aborts the
 * exchange (closing the connection) instead of draining it; a body read to its end returns the connection to
 * the pool.
 */
final class StreamingBody extends InputStream {
  private final Exchange exchange;
  private final ClassicHttpResponse response;
  private final InputStream in;
  private final long maxBytes;
  private final long idleMillis;
  private long received;
  private volatile boolean ended;
  private volatile boolean closed;
  private volatile TransportException failure;

  StreamingBody(Exchange exchange, ClassicHttpResponse response, long maxBytes, Duration idle) {
    this.exchange = exchange;
    this.response = response;
    this.maxBytes = maxBytes;
    this.idleMillis = idle.toMillis();
    InputStream stream = null;
    HttpEntity entity = response.getEntity();
    if (entity != null) {
      try {
        stream = entity.getContent();
      } catch (IOException e) {
        fail(HttpClient5Failures.duringBody(e, exchange, idleMillis));
      }
    }
    this.in = stream == null ? InputStream.nullInputStream() : stream;
    if (stream == null && failure == null) {
      end();
    }
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    Objects.checkFromIndexSize(off, len, b.length);
    check();
    if (ended) {
      return -1;
    }
    if (len == 0) {
      return 0;
    }
    int n;
    try {
      n = in.read(b, off, len);
    } catch (IOException | RuntimeException e) {
      check(); // a cancel or close that caused this wins
      throw fail(HttpClient5Failures.duringBody(e, exchange, idleMillis));
    }
    if (n < 0) {
      end();
      return -1;
    }
    received += n;
    if (received > maxBytes) {
      throw fail(new TransportException(Kind.RESPONSE_TOO_LARGE,
          "the body exceeded the maximum of " + maxBytes + " bytes: " + exchange.target, null));
    }
    return n;
  }

  private void check() {
    TransportException f = failure;
    if (f != null) {
      throw f;
    }
    if (exchange.cancelled()) {
      throw fail(new TransportException(Kind.CANCELLED, "cancelled while reading the body of " + exchange.target,
          null));
    }
    if (closed) {
      throw new TransportException(Kind.CANCELLED, "the body of " + exchange.target + " was closed", null);
    }
  }

  private TransportException fail(TransportException e) {
    if (failure == null) {
      failure = e;
    }
    exchange.abort();
    HttpClient5Transport.closeQuietly(response);
    exchange.finished();
    return failure;
  }

  /** The body was read to its end: the connection went back to the pool. */
  private void end() {
    ended = true;
    HttpClient5Transport.closeQuietly(response);
    exchange.finished();
  }

  @Override
  public int available() throws IOException {
    return ended || closed || failure != null ? 0 : in.available();
  }

  /** Aborts the exchange unless the body was read to its end; idempotent, any thread. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (!ended) {
      exchange.abort();
      HttpClient5Transport.closeQuietly(response);
    }
    exchange.finished();
  }
}
