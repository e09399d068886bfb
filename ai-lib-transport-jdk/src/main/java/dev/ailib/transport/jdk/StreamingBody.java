package dev.ailib.transport.jdk;

import dev.ailib.api.error.TransportException;
import dev.ailib.api.error.TransportException.Kind;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The response body as a blocking {@link InputStream} fed by the client's {@link Flow} publisher.
 *
 * <p>Flow control: one item is requested at a time, and the next only once the reader takes the previous one, so
 * at most one item waits in {@link #pending} and nothing is ever buffered whole. The hand-off is a volatile slot and
 * {@link LockSupport#parkNanos} / {@link LockSupport#unpark} of the one waiting thread: no lock, condition or
 * queue per body (the only per-body object is this one).
 *
 * <p>Timeouts without a timer: a reader that waits for bytes parks at most until the idle timeout (counted from
 * the outstanding request for more bytes) or the call deadline, whichever comes first, and then aborts the exchange
 * itself with {@code IDLE_TIMEOUT} or {@code CALL_TIMEOUT}. A slow reader never trips either: nothing waits while
 * it works. Aborts ({@link #abort}) may come from any thread and wake a parked reader at once; cancelling the
 * subscription makes the client close the connection.
 *
 * <p>{@link #close()} before the end first drains what is left, bounded ({@value #DRAIN_BYTES} bytes within
 * {@value #DRAIN_MILLIS} ms, and never past the call deadline), so that a stream whose reader stopped at its last
 * event (SSE {@code [DONE]}) before the client saw the end of the body still returns its connection to the pool;
 * a body with more left than that is aborted.
 */
final class StreamingBody extends InputStream implements HttpResponse.BodySubscriber<InputStream> {
  /** At most this many bytes are read and discarded when the body is closed before its end. */
  static final int DRAIN_BYTES = 64 * 1024;
  /** For at most this long. */
  static final long DRAIN_MILLIS = 50;

  private static final VarHandle SUBSCRIPTION;
  private static final VarHandle FAILURE;
  private static final VarHandle FINISHED;
  private static final VarHandle CLOSED;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      SUBSCRIPTION = l.findVarHandle(StreamingBody.class, "subscription", Flow.Subscription.class);
      FAILURE = l.findVarHandle(StreamingBody.class, "failure", TransportException.class);
      FINISHED = l.findVarHandle(StreamingBody.class, "finished", boolean.class);
      CLOSED = l.findVarHandle(StreamingBody.class, "closed", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final String target;
  private final long maxBytes;
  private final long idleNanos;
  private final long deadlineNanos;
  private final Runnable onFinish;

  private volatile Flow.Subscription subscription;
  private volatile TransportException failure;
  private volatile boolean finished;
  private volatile boolean closed;
  /** The item received and not yet taken by the reader; at most one, since one item is requested at a time. */
  private volatile List<ByteBuffer> pending;
  /** The publisher completed: every byte of the body has been received. */
  private volatile boolean completed;
  /** The thread parked waiting for bytes, or null. */
  private volatile Thread waiter;
  /** A read is in progress (then a close from another thread aborts instead of draining). */
  private volatile boolean reading;
  /** System.nanoTime() of the outstanding request for more bytes, or -1 when none is outstanding. */
  private volatile long demandSince = -1;
  private long received; // written by the publisher's thread only (onNext is serial)

  // reader state, touched by the reading thread only
  private List<ByteBuffer> items;
  private int nextItem;
  private ByteBuffer current;
  private boolean ended;

  StreamingBody(String target, long maxBytes, long idleNanos, long deadlineNanos, Runnable onFinish) {
    this.target = target;
    this.maxBytes = maxBytes;
    this.idleNanos = idleNanos;
    this.deadlineNanos = deadlineNanos;
    this.onFinish = onFinish;
  }

  // ---- subscriber side (client threads)

  @Override
  public CompletionStage<InputStream> getBody() {
    return CompletableFuture.completedStage(this);
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    Objects.requireNonNull(s);
    if (!SUBSCRIPTION.compareAndSet(this, null, s) || failure != null) {
      s.cancel();
      return;
    }
    demandSince = System.nanoTime();
    s.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> item) {
    demandSince = -1;
    long n = 0;
    for (int i = 0; i < item.size(); i++) {
      n += item.get(i).remaining();
    }
    received += n;
    if (received > maxBytes) {
      abort(Kind.RESPONSE_TOO_LARGE, "the body exceeded the maximum of " + maxBytes + " bytes");
      return;
    }
    pending = item;
    wake();
  }

  @Override
  public void onError(Throwable t) {
    if (fail(JdkFailures.duringBody(t, target))) {
      finish();
    }
  }

  @Override
  public void onComplete() {
    demandSince = -1;
    completed = true;
    wake();
    finish();
  }

  // ---- control (any thread)

  /**
   * Fails the body (first failure wins), cancels the subscription, which closes the connection, and wakes the
   * reader. Does nothing once the body was completely received: bytes already in stay readable.
   *
   * @param kind the failure kind
   * @param why what happened
   */
  void abort(Kind kind, String why) {
    if (fail(new TransportException(kind, why + ": " + target, null))) {
      Flow.Subscription s = (Flow.Subscription) SUBSCRIPTION.getAndSet(this, CANCELLED_SUBSCRIPTION);
      if (s != null && s != CANCELLED_SUBSCRIPTION) {
        s.cancel();
      }
      finish();
    }
  }

  private boolean fail(TransportException e) {
    if (completed) {
      return false; // the body completed; bytes already received stay readable
    }
    if (!FAILURE.compareAndSet(this, null, e)) {
      return false;
    }
    wake();
    return true;
  }

  private void finish() {
    if (FINISHED.compareAndSet(this, false, true)) {
      demandSince = -1;
      onFinish.run();
    }
  }

  private void wake() {
    Thread w = waiter;
    if (w != null) {
      LockSupport.unpark(w);
    }
  }

  private void requestMore() {
    Flow.Subscription s = subscription;
    if (s != null && s != CANCELLED_SUBSCRIPTION && !finished) {
      demandSince = System.nanoTime();
      s.request(1);
    }
  }

  // ---- reader side

  @Override
  public int read() {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    reading = true;
    try {
      while (true) {
        TransportException f = failure;
        if (f != null) {
          throw f;
        }
        if (closed) {
          throw new TransportException(Kind.CANCELLED, "the body of " + target + " was closed", null);
        }
        if (current != null && current.hasRemaining()) {
          int n = Math.min(len, current.remaining());
          current.get(b, off, n);
          return n;
        }
        if (items != null && nextItem < items.size()) {
          current = items.get(nextItem++);
          continue;
        }
        if (ended) {
          return -1;
        }
        takeNext();
      }
    } finally {
      reading = false;
    }
  }

  /** Takes the pending item, or notes the end, or waits (bounded by the idle timeout and the deadline). */
  private void takeNext() {
    while (true) {
      List<ByteBuffer> p = pending;
      if (p == null && completed) {
        p = pending; // onNext happens before onComplete: an item sent before the end is visible now
        if (p == null) {
          ended = true;
          return;
        }
      }
      if (p != null) {
        pending = null;
        items = p;
        nextItem = 0;
        current = null;
        requestMore();
        return;
      }
      if (failure != null) {
        return;
      }
      long now = System.nanoTime();
      long since = demandSince;
      long idleAt = saturatedAdd(since >= 0 ? since : now, idleNanos);
      long until = Math.min(idleAt, deadlineNanos);
      if (now - until >= 0) {
        if (deadlineNanos - now <= 0) {
          abort(Kind.CALL_TIMEOUT, "the call deadline passed while waiting for body bytes");
        } else {
          abort(Kind.IDLE_TIMEOUT, "no body bytes within the idle timeout of "
              + TimeUnit.NANOSECONDS.toMillis(idleNanos) + " ms");
        }
        return;
      }
      park(until - now);
      if (Thread.interrupted()) {
        abort(Kind.CANCELLED, "interrupted while reading the body");
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void park(long nanos) {
    waiter = Thread.currentThread();
    if (pending == null && !completed && failure == null) {
      LockSupport.parkNanos(this, nanos);
    }
    waiter = null;
  }

  @Override
  public int available() {
    return current == null ? 0 : current.remaining();
  }

  /**
   * Ends the reader's use of the body: a body received to its end has already released its connection; one that
   * is not is drained (bounded, see the class comment) when nobody is reading it, and aborted otherwise. Idempotent,
   * any thread.
   */
  @Override
  public void close() {
    if (!CLOSED.compareAndSet(this, false, true)) {
      return;
    }
    if (!completed && (reading || !drain())) {
      abort(Kind.CANCELLED, "the body was closed before its end");
    }
    wake();
  }

  /** Reads and discards the rest of the body, bounded; true when the body then completed. */
  private boolean drain() {
    long now = System.nanoTime();
    long until = Math.min(now + TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS), deadlineNanos);
    long budget = DRAIN_BYTES;
    while (true) {
      if (failure != null) {
        return false;
      }
      List<ByteBuffer> p = pending;
      if (p != null) {
        pending = null;
        for (int i = 0; i < p.size(); i++) {
          budget -= p.get(i).remaining();
        }
        if (budget < 0) {
          return false;
        }
        requestMore();
        continue;
      }
      if (completed) {
        return true;
      }
      now = System.nanoTime();
      if (now - until >= 0) {
        return false;
      }
      park(until - now);
      if (Thread.currentThread().isInterrupted()) {
        return false;
      }
    }
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }

  private static final Flow.Subscription CANCELLED_SUBSCRIPTION = new Flow.Subscription() {
    @Override
    public void request(long n) {
    }

    @Override
    public void cancel() {
    }
  };
}
