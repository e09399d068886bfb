package dev.ailib.transport.jdk;

import dev.ailib.api.error.TransportException;
import dev.ailib.api.error.TransportException.Kind;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * A small body (a {@code Content-Length} of at most {@value #MAX_BYTES} bytes) received whole before
 * {@code send} returns, the way {@code BodyHandlers.ofByteArray} does: the caller's thread wakes once per call, with
 * head and body, instead of once for the head and again for the body, and the client is asked for everything at once
 * (no request per received list, each of which can cost the client a hand-off to one of its threads).
 *
 * <p>Timeouts without a timer: nobody reads this body while it arrives (the caller waits in {@code send}), so the
 * transport's {@link Sweeper} checks it, like a pushed exchange, for the idle timeout (counted from the last bytes
 * received, or the head) and the call deadline, and aborts it; {@link #abort} cancels the subscription, which closes
 * the connection, and fails the body's future, which ends the caller's {@code send} with that failure.
 */
final class WholeBody implements HttpResponse.BodySubscriber<InputStream>, Abortable, Expiring {
  /** Bodies of at most this many bytes (by their Content-Length) are received whole. */
  static final long MAX_BYTES = 64 * 1024;

  private static final VarHandle FAILURE;

  static {
    try {
      FAILURE = MethodHandles.lookup().findVarHandle(WholeBody.class, "failure", TransportException.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final String target;
  private final long idleNanos;
  private final long deadlineNanos;
  private final Runnable onFinish;
  private final CompletableFuture<InputStream> result = new CompletableFuture<>();
  private final List<ByteBuffer> parts = new ArrayList<>(2);

  private volatile Flow.Subscription subscription;
  private volatile TransportException failure;
  private volatile boolean completed;
  /** System.nanoTime() of the head or of the last bytes received. */
  private volatile long lastProgress;
  private int size; // onNext is serial

  WholeBody(String target, long idleNanos, long deadlineNanos, Runnable onFinish) {
    this.target = target;
    this.idleNanos = idleNanos;
    this.deadlineNanos = deadlineNanos;
    this.onFinish = onFinish;
    this.lastProgress = System.nanoTime();
  }

  /**
   * Whether an answer with these headers is received whole.
   *
   * @param info the response head
   * @param maxBytes the transport's body limit
   * @return true for a Content-Length within both {@value #MAX_BYTES} and the limit
   */
  static boolean fits(HttpResponse.ResponseInfo info, long maxBytes) {
    List<String> lengths = info.headers().allValues("content-length");
    if (lengths.size() != 1) {
      return false;
    }
    try {
      long n = Long.parseLong(lengths.get(0));
      return n >= 0 && n <= MAX_BYTES && n <= maxBytes;
    } catch (NumberFormatException e) {
      return false; // the client rejects it itself
    }
  }

  @Override
  public CompletionStage<InputStream> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    Objects.requireNonNull(s);
    subscription = s;
    if (failure != null) {
      s.cancel();
      return;
    }
    s.request(Long.MAX_VALUE); // at most MAX_BYTES: the client frames the body by its Content-Length
  }

  @Override
  public void onNext(List<ByteBuffer> item) {
    lastProgress = System.nanoTime();
    for (int i = 0; i < item.size(); i++) {
      ByteBuffer b = item.get(i);
      if (b.hasRemaining()) {
        size += b.remaining();
        parts.add(b);
      }
    }
  }

  @Override
  public void onError(Throwable t) {
    if (FAILURE.compareAndSet(this, null, JdkFailures.duringBody(t, target))) {
      result.completeExceptionally(failure);
    }
    onFinish.run();
  }

  @Override
  public void onComplete() {
    completed = true;
    onFinish.run(); // the connection is back in the pool: the exchange is over
    result.complete(new Received(parts, size));
  }

  /**
   * The received buffers as a stream, read in place (no copy: the client hands over buffers it no longer uses).
   * Closing it does nothing: the exchange ended when the body completed.
   */
  private static final class Received extends InputStream {
    private final List<ByteBuffer> parts;
    private int next;
    private int left;

    Received(List<ByteBuffer> parts, int size) {
      this.parts = parts;
      this.left = size;
    }

    @Override
    public int read() {
      ByteBuffer b = current();
      if (b == null) {
        return -1;
      }
      left--;
      return b.get() & 0xff;
    }

    @Override
    public int read(byte[] into, int off, int len) {
      Objects.checkFromIndexSize(off, len, into.length);
      if (len == 0) {
        return 0;
      }
      ByteBuffer b = current();
      if (b == null) {
        return -1;
      }
      int n = Math.min(len, b.remaining());
      b.get(into, off, n);
      left -= n;
      return n;
    }

    @Override
    public byte[] readAllBytes() {
      byte[] all = new byte[left];
      int at = 0;
      for (ByteBuffer b = current(); b != null; b = current()) {
        int n = b.remaining();
        b.get(all, at, n);
        at += n;
      }
      left = 0;
      return all;
    }

    @Override
    public int available() {
      return left;
    }

    private ByteBuffer current() {
      while (next < parts.size()) {
        ByteBuffer b = parts.get(next);
        if (b.hasRemaining()) {
          return b;
        }
        parts.set(next++, null);
      }
      return null;
    }
  }

  /**
   * Fails the body (first failure wins) unless it is complete, cancels the subscription, which closes the
   * connection, and ends the caller's wait with the failure.
   *
   * @param kind the failure kind
   * @param why what happened
   */
  @Override
  public void abort(Kind kind, String why) {
    if (completed || !FAILURE.compareAndSet(this, null, new TransportException(kind, why + ": " + target, null))) {
      return;
    }
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
    result.completeExceptionally(failure);
    onFinish.run();
  }

  @Override
  public void expireIfLate(long now) {
    if (completed || failure != null) {
      return;
    }
    if (deadlineNanos != Long.MAX_VALUE && now - deadlineNanos >= 0) {
      abort(Kind.CALL_TIMEOUT, "the call deadline passed while waiting for body bytes");
    } else if (now - lastProgress >= idleNanos) {
      abort(Kind.IDLE_TIMEOUT, "no body bytes within the idle timeout of " + TimeUnit.NANOSECONDS.toMillis(idleNanos)
          + " ms");
    }
  }
}
