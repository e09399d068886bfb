package dev.ailib.transport.httpclient5;

import dev.ailib.api.CancelToken;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.io.HttpClientConnection;
import org.apache.hc.core5.io.CloseMode;

/**
 * One request/response: knows its request and, once the request is on the wire, its connection, so that it
 * can be aborted from any thread (closing the socket wakes a thread blocked reading it).
 */
final class Exchange {
  /** The context attribute under which the exchange travels to {@link StreamingRequestExecutor}. */
  static final String ATTRIBUTE = Exchange.class.getName();

  final String target;
  final HttpUriRequestBase request;
  private final AtomicReference<HttpClientConnection> connection = new AtomicReference<>();
  private final AtomicBoolean finished = new AtomicBoolean();
  private volatile boolean aborted;
  private volatile boolean cancelled;
  private volatile boolean headersReceived;
  private volatile CancelToken.Registration registration;
  private volatile Runnable onFinish = () -> { };

  Exchange(String target, HttpUriRequestBase request) {
    this.target = target;
    this.request = request;
  }

  void registration(CancelToken.Registration r, Runnable finish) {
    this.registration = r;
    this.onFinish = finish;
  }

  void connection(HttpClientConnection c) {
    connection.set(c);
    if (aborted) {
      c.close(CloseMode.IMMEDIATE);
    }
  }

  void headersReceived() {
    headersReceived = true;
  }

  boolean headersWereReceived() {
    return headersReceived;
  }

  boolean onTheWire() {
    return connection.get() != null;
  }

  boolean cancelled() {
    return cancelled;
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
    HttpClientConnection c = connection.get();
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
