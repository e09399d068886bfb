package dev.ailib.transport.jdk;

import dev.ailib.api.error.TransportException;
import dev.ailib.api.error.TransportException.Kind;
import dev.ailib.core.spi.transport.BodySubscription;
import dev.ailib.core.spi.transport.ResponseReceiver;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One exchange started with {@code Transport.exchange}: the JDK client's body handler (its {@code apply} is the
 * moment the response head is in) and body subscriber, and the receiver's {@link BodySubscription}. Nothing blocks:
 * the JDK client's threads deliver the head and each received list of buffers, and this object hands them on to the
 * receiver one buffer per requested piece.
 *
 * <p>Flow control: one list is requested from the JDK client at a time, and only once the receiver asked for more
 * than the buffers already received; the JDK client reads from the connection no faster than that. Deliveries to the
 * receiver are serialized by a work counter (whichever thread asks, the head arriving, a list arriving), so they never
 * overlap. Timeouts without a timer per exchange: the response-headers timeout is the request's own (the JDK
 * client's), and the transport's {@link Sweeper} checks open exchanges for the idle timeout (counted only while a
 * list is requested), the call deadline and the bounded drain of a released body.
 */
final class PushedExchange implements HttpResponse.BodyHandler<Void>, HttpResponse.BodySubscriber<Void>,
    BodySubscription {
  /** At most this many bytes are read and discarded after the receiver released the body. */
  static final int DRAIN_BYTES = 64 * 1024;
  /** For at most this long. */
  static final long DRAIN_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final String target;
  private final long deadlineNanos;
  private final long idleNanos;
  private final long maxBytes;
  private final ResponseReceiver receiver;
  private final Runnable onFinish;
  private final AtomicBoolean finished = new AtomicBoolean();
  private final AtomicInteger wip = new AtomicInteger();
  private final AtomicLong demand = new AtomicLong();

  /** The future of sendAsync, cancelled to abort an exchange still waiting for its head. */
  private volatile CompletableFuture<?> future;
  /** The request token's registration, closed when the exchange ends. */
  private volatile dev.ailib.api.CancelToken.Registration registration;
  private volatile Flow.Subscription subscription;
  private volatile boolean headReceived;
  /** The failure to report (first wins), or null. */
  private volatile TransportException failure;
  /** The receiver cancelled or released the body: nothing more is delivered to it. */
  private volatile boolean stopped;
  private volatile boolean released;
  private volatile boolean completed;
  /** System.nanoTime() when the outstanding request for a list was made, or -1 when none is outstanding. */
  private volatile long demandSince = -1;
  /** Until when a released body may drain (Long.MAX_VALUE while not released). */
  private volatile long drainUntil = Long.MAX_VALUE;
  private volatile List<ByteBuffer> items;

  // touched by the serialized delivery only
  private int nextItem;
  private boolean listRequested;
  private boolean reported;
  private long drained;
  private long received; // onNext is serial

  PushedExchange(String target, long deadlineNanos, long idleNanos, long maxBytes, ResponseReceiver receiver,
      Runnable onFinish) {
    this.target = target;
    this.deadlineNanos = deadlineNanos;
    this.idleNanos = idleNanos;
    this.maxBytes = maxBytes;
    this.receiver = receiver;
    this.onFinish = onFinish;
  }

  // ---- the head

  @Override
  public HttpResponse.BodySubscriber<Void> apply(HttpResponse.ResponseInfo info) {
    headReceived = true;
    if (failure == null && !stopped) {
      receiver.onResponse(info.statusCode(), JdkHeaders.from(info.headers()), this);
    }
    return this;
  }

  /**
   * The exchange is on its way: its future (cancelled by an abort before the head) and its token's registration
   * (closed at the end). An abort that came before this takes effect now.
   */
  void started(CompletableFuture<?> sent, dev.ailib.api.CancelToken.Registration tokenRegistration) {
    this.future = sent;
    this.registration = tokenRegistration;
    if (failure != null && !headReceived) {
      sent.cancel(true);
    }
    if (finished.get()) {
      tokenRegistration.close();
    }
  }

  /** The exchange failed before its head arrived (sendAsync completed exceptionally). */
  void failedBeforeHead(TransportException e) {
    fail(e);
  }

  boolean headReceived() {
    return headReceived;
  }

  // ---- the JDK client's body subscriber (serial calls)

  @Override
  public CompletionStage<Void> getBody() {
    return CompletableFuture.completedStage(null);
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    Objects.requireNonNull(s);
    subscription = s;
    if (failure != null || (stopped && !released)) {
      s.cancel();
      return;
    }
    deliver();
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
    items = item;
    deliver();
  }

  @Override
  public void onError(Throwable t) {
    fail(JdkFailures.duringBody(t, target));
  }

  @Override
  public void onComplete() {
    demandSince = -1;
    completed = true;
    deliver();
  }

  // ---- the receiver's side

  @Override
  public void request(long n) {
    if (n <= 0) {
      return;
    }
    demand.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
    deliver();
  }

  @Override
  public void release() {
    if (stopped || completed) {
      return;
    }
    released = true;
    drainUntil = Math.min(System.nanoTime() + DRAIN_NANOS, deadlineNanos);
    stopped = true;
    deliver();
  }

  @Override
  public void cancel() {
    if (completed) {
      return;
    }
    stopped = true;
    abort(Kind.CANCELLED, "cancelled by the receiver");
  }

  // ---- control (any thread)

  /** Aborts: fails the exchange (first failure wins), cancels the JDK exchange (closing the connection). */
  void abort(Kind kind, String why) {
    fail(new TransportException(kind, why + ": " + target, null));
  }

  private void fail(TransportException e) {
    if (completed || failure != null) {
      return;
    }
    failure = e;
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
    CompletableFuture<?> f = future;
    if (f != null && !headReceived) {
      f.cancel(true);
    }
    deliver();
  }

  /**
   * For the sweeper: ends an exchange past its deadline, idle past the idle timeout while a list is requested, or
   * draining past its drain limit.
   *
   * @param now a System.nanoTime() reading
   */
  void expireIfLate(long now) {
    if (finished.get() || failure != null || completed) {
      return;
    }
    if (released) {
      if (now - drainUntil >= 0) {
        abort(Kind.CANCELLED, "the released body did not end within its drain limit");
      }
      return;
    }
    if (deadlineNanos != Long.MAX_VALUE && now - deadlineNanos >= 0) {
      abort(Kind.CALL_TIMEOUT, headReceived ? "the call deadline passed while waiting for body bytes"
          : "the call deadline passed before the response headers arrived");
      return;
    }
    long since = demandSince;
    if (since >= 0 && now - since >= idleNanos) {
      abort(Kind.IDLE_TIMEOUT, "no body bytes within the idle timeout of " + TimeUnit.NANOSECONDS.toMillis(idleNanos)
          + " ms");
    }
  }

  /** Hands what is there to the receiver as far as it asked, one caller at a time; asks the client for more. */
  private void deliver() {
    if (wip.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    do {
      step();
      missed = wip.addAndGet(-missed);
    } while (missed != 0);
  }

  private void step() {
    while (true) {
      if (reported) {
        return;
      }
      TransportException f = failure;
      if (f != null) {
        reported = true;
        if (!stopped) {
          receiver.onFailure(f);
        }
        finish();
        return;
      }
      if (released) {
        if (!drainRest()) {
          return;
        }
        continue;
      }
      if (stopped) {
        return;
      }
      List<ByteBuffer> list = items;
      if (list != null) {
        listRequested = false; // the one outstanding request was answered
        if (demand.get() == 0) {
          return;
        }
        ByteBuffer b = null;
        while (nextItem < list.size()) {
          ByteBuffer candidate = list.get(nextItem++);
          if (candidate.hasRemaining()) {
            b = candidate;
            break;
          }
        }
        if (b == null) {
          items = null;
          nextItem = 0;
          continue;
        }
        demand.getAndUpdate(d -> d == Long.MAX_VALUE ? d : d - 1);
        receiver.onBody(b);
        continue;
      }
      if (completed) {
        reported = true;
        receiver.onComplete();
        finish();
        return;
      }
      Flow.Subscription s = subscription;
      if (s == null || demand.get() == 0 || listRequested) {
        return;
      }
      requestList(s);
    }
  }

  /** Asks the JDK client for the next list of buffers (one outstanding at a time). */
  private void requestList(Flow.Subscription s) {
    listRequested = true;
    demandSince = System.nanoTime();
    items = null;
    s.request(1); // may deliver at once (onNext re-enters deliver, which this loop then sees)
  }

  /**
   * Reads and discards the rest of a released body: true when it ended (the connection is kept), false when the
   * loop must wait for more; aborts once more than {@value #DRAIN_BYTES} bytes came.
   */
  private boolean drainRest() {
    List<ByteBuffer> list = items;
    if (list != null) {
      for (int i = nextItem; i < list.size(); i++) {
        drained += list.get(i).remaining();
      }
      items = null;
      nextItem = 0;
      listRequested = false;
      if (drained > DRAIN_BYTES) {
        abort(Kind.CANCELLED, "the released body had more than " + DRAIN_BYTES + " bytes left");
        return true;
      }
    }
    if (completed) {
      reported = true;
      finish();
      return false;
    }
    Flow.Subscription s = subscription;
    if (s == null || listRequested) {
      return false;
    }
    listRequested = true;
    s.request(1);
    return items != null || completed || failure != null;
  }

  private void finish() {
    if (finished.compareAndSet(false, true)) {
      demandSince = -1;
      dev.ailib.api.CancelToken.Registration r = registration;
      if (r != null) {
        r.close();
      }
      onFinish.run();
    }
  }

  boolean isFinished() {
    return finished.get();
  }
}
