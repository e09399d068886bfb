package dev.ailib.transport.jdk;

import dev.ailib.api.error.TransportException;
import dev.ailib.api.error.TransportException.Kind;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The response body as a blocking {@link InputStream} fed by the client's {@link Flow} publisher.
 *
 * <p>Flow control: one item is requested at a time, and the next only once the reader starts on the previous
 * one, so at most two items are held and nothing is ever buffered whole. Idle timeout: while a request for
 * more bytes is outstanding and nothing arrives for the idle duration, the watchdog aborts the exchange
 * (cancelling the subscription closes the connection). Aborts ({@link #abort}) may come from any thread and
 * wake a blocked reader at once.
 */
final class StreamingBody extends InputStream implements HttpResponse.BodySubscriber<InputStream> {
  /** Queue marker: the body ended normally. */
  private static final Object END = new Object();
  /** Queue marker: a failure was recorded; wakes the reader. */
  private static final Object FAILED = new Object();

  private final String target;
  private final long maxBytes;
  private final long idleNanos;
  private final ScheduledExecutorService watchdog;
  private final Runnable onFinish;
  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
  private final AtomicReference<TransportException> failure = new AtomicReference<>();
  private final AtomicBoolean finished = new AtomicBoolean();
  /** System.nanoTime() of the outstanding request for more bytes, or -1 when none is outstanding. */
  private volatile long demandSince = -1;
  private volatile ScheduledFuture<?> idleCheck;
  private volatile boolean closed;
  private long received; // written by the publisher's thread only (onNext is serial)

  // reader state, touched by the reading thread only
  private Iterator<ByteBuffer> items = List.<ByteBuffer>of().iterator();
  private ByteBuffer current;
  private boolean ended;

  StreamingBody(String target, long maxBytes, Duration idle, ScheduledExecutorService watchdog, Runnable onFinish) {
    this.target = target;
    this.maxBytes = maxBytes;
    this.idleNanos = idle.toNanos();
    this.watchdog = watchdog;
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
    if (!subscription.compareAndSet(null, s) || failure.get() != null) {
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
    for (ByteBuffer b : item) {
      n += b.remaining();
    }
    received += n;
    if (received > maxBytes) {
      abort(Kind.RESPONSE_TOO_LARGE, "the body exceeded the maximum of " + maxBytes + " bytes");
      return;
    }
    queue.add(item);
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
    queue.add(END);
    finish();
  }

  // ---- control (any thread)

  /** Starts the idle watchdog; called once the response headers are in. */
  void startWatchdog() {
    if (!finished.get()) {
      schedule(idleNanos);
    }
  }

  private void schedule(long delayNanos) {
    try {
      idleCheck = watchdog.schedule(this::checkIdle, delayNanos, TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      abort(Kind.CANCELLED, "transport closed");
    }
    if (finished.get()) {
      cancelIdleCheck();
    }
  }

  private void checkIdle() {
    if (finished.get()) {
      return;
    }
    long since = demandSince;
    long now = System.nanoTime();
    if (since >= 0 && now - since >= idleNanos) {
      abort(Kind.IDLE_TIMEOUT, "no body bytes within the idle timeout of " + TimeUnit.NANOSECONDS.toMillis(idleNanos)
          + " ms");
    } else {
      schedule(since >= 0 ? since + idleNanos - now : idleNanos);
    }
  }

  /**
   * Fails the body (first failure wins), cancels the subscription, which closes the connection, and wakes the
   * reader. Does nothing once the body ended normally and was read to the end.
   *
   * @param kind the failure kind
   * @param why what happened
   */
  void abort(Kind kind, String why) {
    if (fail(new TransportException(kind, why + ": " + target, null))) {
      Flow.Subscription s = subscription.getAndSet(CANCELLED_SUBSCRIPTION);
      if (s != null && s != CANCELLED_SUBSCRIPTION) {
        s.cancel();
      }
      finish();
    }
  }

  private boolean fail(TransportException e) {
    if (finished.get() && queue.contains(END)) {
      return false; // the body completed; bytes already queued stay readable
    }
    if (!failure.compareAndSet(null, e)) {
      return false;
    }
    queue.add(FAILED);
    return true;
  }

  private void finish() {
    if (finished.compareAndSet(false, true)) {
      demandSince = -1;
      cancelIdleCheck();
      onFinish.run();
    }
  }

  private void cancelIdleCheck() {
    ScheduledFuture<?> f = idleCheck;
    if (f != null) {
      f.cancel(false);
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
    while (true) {
      TransportException f = failure.get();
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
      if (items.hasNext()) {
        current = items.next();
        continue;
      }
      if (ended) {
        return -1;
      }
      takeNext();
    }
  }

  @SuppressWarnings("unchecked")
  private void takeNext() {
    Object next;
    try {
      next = queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abort(Kind.CANCELLED, "interrupted while reading the body");
      throw failure.get();
    }
    if (next == END) {
      ended = true;
    } else if (next != FAILED) {
      items = ((List<ByteBuffer>) next).iterator();
      current = null;
      Flow.Subscription s = subscription.get();
      if (s != null && s != CANCELLED_SUBSCRIPTION && !finished.get()) {
        demandSince = System.nanoTime();
        s.request(1);
      }
    }
  }

  @Override
  public int available() {
    return current == null ? 0 : current.remaining();
  }

  /** Aborts the exchange unless the body was completely received; idempotent, any thread. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (!finished.get()) {
      abort(Kind.CANCELLED, "the body was closed before its end");
    }
    queue.clear();
    queue.add(FAILED);
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
