package dev.ailib.transport.httpclient5;

import dev.ailib.api.CancelToken;
import dev.ailib.api.error.TransportException.Kind;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.io.CloseMode;

/**
 * One request/response: knows its request, its deadlines and, once the request is on the wire, its connection,
 * so that it can be aborted from any thread (closing the socket wakes a thread blocked reading or writing it).
 */
final class Exchange implements Sweeper.Expiring {
  /** The context attribute under which the exchange travels to {@link StreamingRequestExecutor}. */
  static final String ATTRIBUTE = Exchange.class.getName();

  final String target;
  final HttpUriRequestBase request;
  /** The request's real path and query when the request carries a masked one for the client's logs, else null. */
  final String realPath;
  /** When the response head must be in (headers timeout from the start of send, capped by the call deadline). */
  final long headDeadlineNanos;
  /** The call deadline (Long.MAX_VALUE: none). */
  final long callDeadlineNanos;
  private final AtomicReference<GuardedConnection> connection = new AtomicReference<>();
  private final AtomicBoolean finished = new AtomicBoolean();
  private volatile boolean aborted;
  private volatile boolean cancelled;
  private volatile boolean headersReceived;
  /** The timeout the sweeper aborted this exchange for, or null. */
  private volatile Kind expired;
  private volatile CancelToken.Registration registration;
  private volatile Runnable onFinish = () -> { };

  Exchange(String target, HttpUriRequestBase request, String realPath, long headDeadlineNanos, long callDeadlineNanos) {
    this.target = target;
    this.request = request;
    this.realPath = realPath;
    this.headDeadlineNanos = headDeadlineNanos;
    this.callDeadlineNanos = callDeadlineNanos;
  }

  void registration(CancelToken.Registration r, Runnable finish) {
    this.registration = r;
    this.onFinish = finish;
  }

  void connection(GuardedConnection c) {
    connection.set(c);
    if (aborted) {
      c.close(CloseMode.IMMEDIATE);
    }
  }

  GuardedConnection connection() {
    return connection.get();
  }

  void headersReceived() {
    headersReceived = true;
  }

  boolean onTheWire() {
    return connection.get() != null;
  }

  boolean cancelled() {
    return cancelled;
  }

  /** The timeout this exchange was aborted for by the sweeper, or null. */
  Kind expired() {
    return expired;
  }

  /** Whether the call deadline has passed. */
  boolean deadlinePassed() {
    return callDeadlineNanos != Long.MAX_VALUE && callDeadlineNanos - System.nanoTime() <= 0;
  }

  /**
   * For the sweeper: aborts an exchange still waiting for its response head past its deadline (a write that the
   * server does not read blocks without any socket timeout).
   *
   * @param now a System.nanoTime() reading
   */
  @Override
  public void expireIfLate(long now) {
    if (headersReceived || finished.get() || expired != null || headDeadlineNanos - now > 0) {
      return;
    }
    expired = callDeadlineNanos - now <= 0 ? Kind.CALL_TIMEOUT : Kind.RESPONSE_HEADERS_TIMEOUT;
    abort();
  }

  /** The caller cancelled: abort. */
  void cancel() {
    cancelled = true;
    abort();
  }

  /** Aborts the exchange: the request is cancelled and its connection closed (not returned to the pool). */
  void abort() {
    aborted = true;
    request.cancel();
    GuardedConnection c = connection.get();
    if (c != null) {
      c.close(CloseMode.IMMEDIATE);
    }
  }

  /** The exchange is over (completed, failed or aborted): stop listening for cancellation. */
  void finished() {
    if (finished.compareAndSet(false, true)) {
      CancelToken.Registration r = registration;
      if (r != null) {
        r.close();
      }
      onFinish.run();
    }
  }
}
