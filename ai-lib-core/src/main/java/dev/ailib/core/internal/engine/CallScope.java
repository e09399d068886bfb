package dev.ailib.core.internal.engine;

import dev.ailib.api.CancelToken;
import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.CancelledException;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.RemoteException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.api.error.TransportException;
import dev.ailib.core.internal.resilience.Deadline;
import dev.ailib.core.spi.telemetry.CallInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The state of one call: its telemetry identity, its own cancel token (cancelled by the caller's token or by the
 * client closing), its one {@link Deadline} (made once, when the call starts; no timer enforces it: the policies
 * check it before every attempt and wait, the transport on every read) and the start of its figures. Turns any
 * failure into the one exception the caller sees: a timeout, a cancellation, or the classified error.
 */
final class CallScope implements AutoCloseable {
  final CallInfo info;
  final CancelToken token = new CancelToken();
  final long startNanos;
  final Deadline deadline;
  private final CancelToken.Registration userRegistration;
  private final Runnable onClose;
  private volatile boolean clientClosed;
  private final AtomicBoolean closed = new AtomicBoolean();

  CallScope(CallInfo info, CancelToken userToken, Deadline deadline, long startNanos, Runnable onClose) {
    this.info = info;
    this.startNanos = startNanos;
    this.deadline = deadline;
    this.onClose = onClose;
    this.userRegistration = userToken.onCancel(token::cancel);
  }

  /** The client is closing. */
  void clientClosing() {
    clientClosed = true;
    token.cancel();
  }

  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /**
   * The exception the caller sees for a failure: the transport's call timeout as it is; a cancellation when the
   * call was cancelled; a call timeout when the deadline has passed and the failure is not the provider's own
   * answer (a transport error or an I/O failure then is the deadline's doing); else the failure itself (I/O errors
   * become transport errors).
   */
  AiLibException failure(Throwable t) {
    if (t instanceof Error error) {
      throw error; // never wrapped into a classified failure (OutOfMemoryError, StackOverflowError, ...)
    }
    if (t instanceof TransportException te && te.kind() == TransportException.Kind.CALL_TIMEOUT) {
      return te;
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
    if (!(t instanceof RemoteException || t instanceof ProtocolException) && deadline.expired()) {
      return deadline.exceeded("in call to " + info.provider() + "/" + info.model(), t);
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
      userRegistration.close();
      onClose.run();
    }
  }
}
