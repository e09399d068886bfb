package dev.ailib.core.spi.transport;

import dev.ailib.api.CancelToken;
import dev.ailib.api.error.TransportException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link Transport#exchange}'s default: {@link Transport#send} and blocking reads of the body on one task of the given
 * executor, for transports without non-blocking I/O. Reads wait for the receiver's demand, so the body is read no
 * faster than it asks (at most one piece of {@value #PIECE} bytes waits at a time); a piece's buffer is reused once
 * the receiver asked for the next one. {@link #cancel()} and the request's token abort the exchange through the
 * token given to {@code send}; {@link #release()} closes the response (which drains a short rest or aborts).
 */
final class BlockingExchange implements BodySubscription, Runnable {
  /** The largest piece read at once. */
  static final int PIECE = 8192;

  private final Transport transport;
  private final TransportRequest request;
  private final CancelToken own = new CancelToken();
  private final ResponseReceiver receiver;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private long demand; // guarded by lock
  private boolean released; // guarded by lock
  private boolean cancelled; // guarded by lock
  private boolean tokenFired; // guarded by lock
  /** The receiver asked for more since the last piece, so that piece's buffer is free again. */
  private volatile boolean bufferFree = true;

  private BlockingExchange(Transport transport, TransportRequest request, ResponseReceiver receiver) {
    this.transport = transport;
    this.request = request;
    this.receiver = receiver;
  }

  static void start(Transport transport, TransportRequest request, CancelToken cancel, Executor blocking,
      ResponseReceiver receiver) {
    BlockingExchange x = new BlockingExchange(transport, request, receiver);
    CancelToken.Registration r = cancel == null ? null : cancel.onCancel(x::cancelled);
    try {
      blocking.execute(() -> {
        try {
          x.run();
        } finally {
          if (r != null) {
            r.close();
          }
        }
      });
    } catch (RejectedExecutionException e) {
      if (r != null) {
        r.close();
      }
      receiver.onFailure(new TransportException(TransportException.Kind.CANCELLED, "no thread to run the exchange "
          + request.method() + " " + request.redactedUri() + " (the executor refused it)", e));
    }
  }

  @Override
  public void run() {
    TransportResponse response;
    try {
      response = transport.send(request, own);
    } catch (TransportException e) {
      receiver.onFailure(e);
      return;
    } catch (RuntimeException e) {
      receiver.onFailure(new TransportException(TransportException.Kind.IO, "the exchange " + request.method() + " "
          + request.redactedUri() + " failed: " + e.getClass().getName(), e));
      return;
    }
    try (response) {
      receiver.onResponse(response.status(), response.headers(), this);
      pump(response);
    }
  }

  /** Reads pieces as they are asked for, until the end, a failure, a release or a cancel. */
  private void pump(TransportResponse response) {
    InputStream body = response.body();
    byte[] buffer = new byte[PIECE];
    while (true) {
      if (!awaitDemand()) {
        return; // released or cancelled: closing the response drains or aborts
      }
      int n;
      try {
        n = body.read(buffer, 0, buffer.length);
      } catch (TransportException e) {
        if (!stopped()) {
          receiver.onFailure(e);
        }
        return;
      } catch (IOException | RuntimeException e) {
        if (!stopped()) {
          receiver.onFailure(new TransportException(TransportException.Kind.IO, "reading the body of "
              + request.method() + " " + request.redactedUri() + " failed: " + e.getClass().getName(), e));
        }
        return;
      }
      if (n < 0) {
        // the connection goes back first, so a receiver that starts its next exchange on the end can reuse it
        response.close();
        if (!stopped()) {
          receiver.onComplete();
        }
        return;
      }
      if (n == 0) {
        continue;
      }
      lock.lock();
      try {
        if (released || cancelled) {
          return;
        }
        if (demand == 0) {
          continue; // read only because the token fired: never more than asked for; the next read fails
        }
        if (demand != Long.MAX_VALUE) {
          demand--;
        }
      } finally {
        lock.unlock();
      }
      ByteBuffer piece = ByteBuffer.wrap(buffer, 0, n);
      bufferFree = false;
      receiver.onBody(piece);
      if (!bufferFree) {
        buffer = new byte[PIECE]; // the receiver still holds the last piece: read the next one elsewhere
      }
    }
  }

  /**
   * Waits until a piece is asked for, or the request's token fired (the next read then reports the abort); false
   * once the receiver released or cancelled the body.
   */
  private boolean awaitDemand() {
    lock.lock();
    try {
      while (demand == 0 && !released && !cancelled && !tokenFired) {
        changed.awaitUninterruptibly();
      }
      return !released && !cancelled;
    } finally {
      lock.unlock();
    }
  }

  private boolean stopped() {
    lock.lock();
    try {
      return released || cancelled;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void request(long n) {
    if (n <= 0) {
      return;
    }
    bufferFree = true;
    lock.lock();
    try {
      demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void release() {
    lock.lock();
    try {
      released = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void cancel() {
    lock.lock();
    try {
      cancelled = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    own.cancel(); // aborts the exchange; a blocked read wakes with CANCELLED
  }

  /** The request's token fired: abort, and let the pump report it (the receiver did not stop the body itself). */
  private void cancelled() {
    own.cancel();
    lock.lock();
    try {
      tokenFired = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
