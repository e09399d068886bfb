package dev.ailib.transport.httpclient5;

import dev.ailib.api.error.TransportException;
import dev.ailib.api.error.TransportException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;

/**
 * The response body read straight from the connection's stream on the reader's thread. Counts bytes against the
 * maximum, maps failures to {@link TransportException}, and ends with the call deadline ({@code CALL_TIMEOUT}; each
 * read is bounded by the idle timeout or the deadline, whichever is nearer, through the socket timeout that
 * {@link GuardedConnection} sets). A body read to its end returns the connection to the pool.
 *
 * <p>{@link #close()} before the end drains what is left, bounded ({@value #DRAIN_BYTES} bytes within
 * {@value #DRAIN_MILLIS} ms, never past the call deadline), so that a stream whose reader stopped at its last event
 * (SSE {@code [DONE]}, with the chunked terminator still unread) keeps its connection; a body with more left than
 * that, or a close while another thread reads, aborts the exchange and closes the connection.
 */
final class StreamingBody extends InputStream {
  /** At most this many bytes are read and discarded when the body is closed before its end. */
  static final int DRAIN_BYTES = 64 * 1024;
  /** For at most this long. */
  static final long DRAIN_MILLIS = 50;

  private final Exchange exchange;
  private final ClassicHttpResponse response;
  private final InputStream in;
  private final long maxBytes;
  private final long idleMillis;
  private long received;
  private volatile boolean ended;
  private volatile boolean closed;
  private volatile boolean reading;
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
    if (exchange.deadlinePassed()) {
      throw fail(new TransportException(Kind.CALL_TIMEOUT, "the call deadline passed while reading the body of "
          + exchange.target, null));
    }
    int n;
    reading = true;
    try {
      n = in.read(b, off, len);
    } catch (IOException | RuntimeException e) {
      check(); // a cancel or close that caused this wins
      throw fail(HttpClient5Failures.duringBody(e, exchange, idleMillis));
    } finally {
      reading = false;
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

  /** The body was read to its end: the connection goes back to the pool (HttpClient 5 releases it at the end). */
  private void end() {
    ended = true;
    GuardedConnection c = exchange.connection();
    if (c != null) {
      c.unguard();
    }
    HttpClient5Transport.closeQuietly(response);
    exchange.finished();
  }

  @Override
  public int available() throws IOException {
    return ended || closed || failure != null ? 0 : in.available();
  }

  /**
   * Ends the reader's use of the body: drains a short rest so the connection can be reused, else aborts the
   * exchange; idempotent, any thread.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (!ended && failure == null && (reading || !drain())) {
      exchange.abort();
      HttpClient5Transport.closeQuietly(response);
    }
    exchange.finished();
  }

  /** Reads and discards the rest of the body, bounded; true when its end was reached (and the connection kept). */
  private boolean drain() {
    GuardedConnection c = exchange.connection();
    if (c == null || exchange.cancelled()) {
      return false;
    }
    long until = Math.min(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS), exchange.callDeadlineNanos);
    c.drain(until);
    byte[] buf = new byte[4096];
    long budget = DRAIN_BYTES;
    try {
      while (budget >= 0) {
        int n = in.read(buf, 0, (int) Math.min(buf.length, budget + 1));
        if (n < 0) {
          end();
          return true;
        }
        budget -= n;
      }
    } catch (IOException | RuntimeException e) {
      return false; // a rest that does not come in time, or a broken connection: abort
    }
    return false;
  }
}
