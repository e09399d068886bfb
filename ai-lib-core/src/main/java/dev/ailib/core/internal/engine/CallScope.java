package dev.ailib.core.internal.engine;

import dev.ailib.api.CancelToken;
import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.CancelledException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.api.error.TransportException;
import dev.ailib.core.spi.telemetry.CallInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The state of one call: its telemetry identity, its own cancel token (cancelled by the caller's token, by the
 * whole-call timeout, or by the client closing), and the clock of its figures. Turns any failure into the one
 * exception the caller sees: a timeout, a cancellation, or the classified error.
 */
final class CallScope implements AutoCloseable {
  final CallInfo info;
  final CancelToken token = new CancelToken();
  final long startNanos;
  private final Duration timeout;
  private final CancelToken.Registration userRegistration;
  private final Runnable onClose;
  private volatile ScheduledFuture<?> deadline;
  private volatile boolean timedOut;
  private volatile boolean clientClosed;
  private final AtomicBoolean closed = new AtomicBoolean();

  CallScope(CallInfo info, CancelToken userToken, Duration timeout, long startNanos, Runnable onClose) {
    this.info = info;
    this.startNanos = startNanos;
    this.timeout = timeout;
    this.onClose = onClose;
    this.userRegistration = userToken.onCancel(token::cancel);
  }

  void deadline(ScheduledFuture<?> future) {
    this.deadline = future;
  }

  /** The whole-call timeout fired. */
  void timeOut() {
    timedOut = true;
    token.cancel();
  }

  /** The client is closing. */
  void clientClosing() {
    clientClosed = true;
    token.cancel();
  }

  boolean timedOut() {
    return timedOut;
  }

  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /**
   * The exception the caller sees for a failure: a call timeout when the deadline fired, a cancellation when the
   * call was cancelled, else the failure itself (I/O errors become transport errors).
   */
  AiLibException failure(Throwable t) {
    if (t instanceof Error error) {
      throw error; // never wrapped into a classified failure (OutOfMemoryError, StackOverflowError, ...)
    }
    if (timedOut) {
      if (t instanceof TransportException te && te.kind() == TransportException.Kind.CALL_TIMEOUT) {
        return te;
      }
      return new TransportException(TransportException.Kind.CALL_TIMEOUT, "call to " + info.provider() + "/"
          + info.model() + " exceeded its whole-call timeout of " + timeout, t);
    }
    if (token.isCancelled()) {
      if (t instanceof CancelledException ce) {
        return ce;
      }
      CancelledException ce = new CancelledException(clientClosed ? "call cancelled: the client was closed"
          : "call cancelled");
      if (t != null) {
        ce.addSuppressed(t); // the API's cancelled error takes no cause; keep the transport's view for debugging
      }
      return ce;
    }
    if (t instanceof AiLibException e) {
      return e;
    }
    if (t instanceof UncheckedIOException u) {
      t = u.getCause();
    }
    if (t instanceof IOException io) {
      return new TransportException(TransportException.Kind.IO, "I/O error reading the response from "
          + info.provider() + ": " + io.getClass().getSimpleName(), io);
    }
    return new AiLibException(StandardErrorCode.UNKNOWN, "unexpected failure in call to " + info.provider() + "/"
        + info.model() + ": " + (t == null ? "unknown" : t.getClass().getName()), t);
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      ScheduledFuture<?> d = deadline;
      if (d != null) {
        d.cancel(false);
      }
      userRegistration.close();
      onClose.run();
    }
  }
}
