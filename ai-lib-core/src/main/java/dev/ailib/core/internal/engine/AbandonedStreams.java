package dev.ailib.core.internal.engine;

import dev.ailib.core.spi.telemetry.CallInfo;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Frees pull streams the caller dropped without closing them or reading them to their end: each open
 * {@link PullChatStream} is registered with a {@link Cleaner}, whose action (run once the stream is unreachable)
 * cancels the call, which aborts its exchange and gives the connection back, and reports the call as cancelled.
 * Without it such a stream would hold its connection until the client closes: no timer ends calls (the deadline is
 * enforced when the call reads). The first abandoned stream of a client is logged at WARNING, later ones at DEBUG.
 *
 * <p>One daemon thread for the whole process ({@code ailib-stream-cleaner}), started with the first pull stream.
 */
final class AbandonedStreams {
  private static final Logger LOG = System.getLogger(AbandonedStreams.class.getName());
  /** The cleaner thread's name. */
  static final String THREAD_NAME = "ailib-stream-cleaner";

  private final AtomicBoolean warned = new AtomicBoolean();
  private final AtomicLong count = new AtomicLong();

  /** Holder idiom: the thread starts with the first stream, not with the engine class. */
  private static final class Shared {
    static final Cleaner CLEANER = Cleaner.create(r -> {
      Thread t = new Thread(r, THREAD_NAME);
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Registers a stream.
   *
   * @param stream the stream
   * @param release what frees it; must not refer to the stream (else it never becomes unreachable)
   * @return the registration: {@link Cleaner.Cleanable#clean()} it when the stream ends normally
   */
  Cleaner.Cleanable register(Object stream, Runnable release) {
    return Shared.CLEANER.register(stream, release);
  }

  /**
   * Logs that a stream was abandoned.
   *
   * @param call the stream's call
   */
  void report(CallInfo call) {
    long n = count.incrementAndGet();
    String text = "a ChatStream of " + call.provider() + "/" + call.model() + " (call " + call.callId()
        + ") was neither closed nor read to its end and became unreachable; its HTTP exchange was aborted to free "
        + "the connection. Close streams with try-with-resources to free connections at once";
    if (warned.compareAndSet(false, true)) {
      LOG.log(Level.WARNING, text + " (later ones of this client are logged at DEBUG)");
    } else {
      LOG.log(Level.DEBUG, text + " (" + n + " so far on this client)");
    }
  }

  /** Streams found abandoned so far. */
  long count() {
    return count.get();
  }
}
