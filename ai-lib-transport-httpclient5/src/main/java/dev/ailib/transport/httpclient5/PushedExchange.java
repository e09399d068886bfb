package dev.ailib.transport.httpclient5;

import dev.ailib.api.CancelToken;
import dev.ailib.api.error.TransportException;
import dev.ailib.api.error.TransportException.Kind;
import dev.ailib.core.spi.transport.BodySubscription;
import dev.ailib.core.spi.transport.HttpHeaders;
import dev.ailib.core.spi.transport.ResponseReceiver;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.ProtocolException;
import org.apache.hc.core5.http.nio.AsyncClientEndpoint;
import org.apache.hc.core5.http.nio.AsyncClientExchangeHandler;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.RequestChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * One exchange started with {@code Transport.exchange} on HttpCore 5's non-blocking requester ({@link AsyncRequesters}): it
 * leases a connection, writes the request and receives the response on the requester's I/O threads, and hands the
 * body to the receiver one piece per requested piece. Nothing blocks and no thread waits for it.
 *
 * <p>Flow control: HttpCore reads from a connection only as far as the consumer's capacity allows. The capacity is
 * one piece ({@value #PIECE} bytes): the bytes received fill the piece, the receiver gets it once it asked, and only
 * once it asked again (so it is done with the piece) is the capacity granted for the next one; the two buffers are
 * swapped, not copied. Deliveries are serialized by a work counter (the I/O thread, the receiver's thread), so they
 * never overlap. Timeouts without a timer per exchange: the transport's {@link Sweeper} aborts exchanges past their
 * headers timeout, idle timeout (counted only while a piece is asked for and none is there), call deadline or drain
 * limit, and connecting (or waiting for a pooled connection) past the connect timeout. HttpCore's own timeouts are
 * off: it would use the connect timeout as the connection's socket timeout, which a receiver that takes its time
 * would trip.
 */
final class PushedExchange implements AsyncClientExchangeHandler, FutureCallback<AsyncClientEndpoint>,
    Sweeper.Expiring {
  /** The capacity given to the connection at a time, and the largest piece. */
  static final int PIECE = 16 * 1024;
  /** At most this many bytes are read and discarded after the receiver released the body. */
  static final int DRAIN_BYTES = 64 * 1024;
  /** For at most this long. */
  static final long DRAIN_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final String target;
  private final HttpRequest request;
  private final byte[] body;
  private final String contentType;
  private final long connectDeadlineNanos;
  private final long headDeadlineNanos;
  private final long callDeadlineNanos;
  private final long idleNanos;
  private final long maxBytes;
  private final ResponseReceiver receiver;
  private final Runnable onFinish;
  /** Whether the pool has no free connection (then a missing connection is a pool wait, not a slow connect). */
  private final BooleanSupplier poolFull;
  private final AtomicBoolean finished = new AtomicBoolean();
  private final AtomicInteger wip = new AtomicInteger();
  private volatile CancelToken.Registration registration;
  private volatile Future<AsyncClientEndpoint> lease;
  private volatile AsyncClientEndpoint endpoint;
  private final AtomicBoolean endpointReleased = new AtomicBoolean();
  /** The receiver's control of the body (a separate object: HttpCore's handler has a {@code cancel()} of its own). */
  private final BodySubscription subscription = new BodySubscription() {
    @Override
    public void request(long n) {
      PushedExchange.this.request(n);
    }

    @Override
    public void release() {
      PushedExchange.this.release();
    }

    @Override
    public void cancel() {
      cancelBody();
    }
  };

  // request body (I/O thread)
  private int written;

  // state shared between the I/O thread and the receiver's threads; guarded by this
  private byte[] fill = new byte[PIECE];
  private int fillLength;
  private byte[] spare;
  /** The receiver holds the last piece: it is not reused until the receiver asks again. */
  private boolean receiverHolds;
  private long demand;
  private CapacityChannel capacity;
  /**
   * HttpCore's capacity window, mirrored: it starts at one piece, each read lowers it (a read may overshoot it and
   * make it negative: HttpCore checks it between reads), each grant raises it.
   */
  private int window = PIECE;
  private boolean ended;
  private long received;

  private volatile int status = -1;
  private volatile HttpHeaders headers;
  private volatile boolean headDelivered;
  private volatile TransportException failure;
  private volatile boolean stopped;
  private volatile boolean released;
  private volatile long drainUntil = Long.MAX_VALUE;
  /** System.nanoTime() since when a piece is asked for and none has arrived, or -1. */
  private volatile long waitingSince = -1;
  private int interim;

  // the serialized delivery's own
  private boolean reported;
  private long drained;

  PushedExchange(String target, HttpRequest request, byte[] body, String contentType, long connectDeadlineNanos,
      long headDeadlineNanos, long callDeadlineNanos, long idleNanos, long maxBytes, ResponseReceiver receiver,
      Runnable onFinish, BooleanSupplier poolFull) {
    this.connectDeadlineNanos = connectDeadlineNanos;
    this.target = target;
    this.request = request;
    this.body = body;
    this.contentType = contentType;
    this.headDeadlineNanos = headDeadlineNanos;
    this.callDeadlineNanos = callDeadlineNanos;
    this.idleNanos = idleNanos;
    this.maxBytes = maxBytes;
    this.receiver = receiver;
    this.onFinish = onFinish;
    this.poolFull = poolFull;
  }

  /** The connection lease is under way: an abort from now on also cancels it. */
  void leasing(Future<AsyncClientEndpoint> leased, CancelToken.Registration tokenRegistration) {
    this.lease = leased;
    this.registration = tokenRegistration;
    if (failure != null) {
      leased.cancel(true);
    }
    if (finished.get()) {
      tokenRegistration.close();
    }
  }

  // ---- leasing a connection (FutureCallback of the requester's connect)

  @Override
  public void completed(AsyncClientEndpoint leased) {
    endpoint = leased;
    if (failure != null) {
      releaseEndpoint(false);
      deliver();
      return;
    }
    leased.execute(this, null, null);
  }

  @Override
  public void failed(Exception e) {
    fail(headDelivered ? HttpClient5Failures.duringPushedBody(e, target, this)
        : HttpClient5Failures.beforePushedHead(e, target, endpoint != null, this));
  }

  @Override
  public void cancelled() {
    fail(new TransportException(Kind.CANCELLED, "cancelled: " + target, null));
  }

  // ---- the request

  @Override
  public void produceRequest(RequestChannel channel, HttpContext context) throws HttpException, IOException {
    channel.sendRequest(request, body.length == 0 ? null : new org.apache.hc.core5.http.impl.BasicEntityDetails(
        body.length, contentType == null ? null : org.apache.hc.core5.http.ContentType.parseLenient(contentType)),
        context);
  }

  @Override
  public int available() {
    return body.length - written;
  }

  @Override
  public void produce(DataStreamChannel channel) throws IOException {
    if (written < body.length) {
      written += channel.write(ByteBuffer.wrap(body, written, body.length - written));
    }
    if (written >= body.length) {
      channel.endStream(null);
    }
  }

  // ---- the response (I/O thread)

  @Override
  public void consumeInformation(HttpResponse response, HttpContext context) throws HttpException {
    if (++interim > GuardedConnection.MAX_INTERIM) {
      throw new ProtocolException("more than " + GuardedConnection.MAX_INTERIM + " interim (1xx) responses");
    }
  }

  @Override
  public void consumeResponse(HttpResponse response, EntityDetails entity, HttpContext context) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (Header h : response.getHeaders()) {
      m.computeIfAbsent(h.getName(), k -> new ArrayList<>(1)).add(h.getValue());
    }
    headers = HttpHeaders.of(m);
    status = response.getCode();
    if (entity == null) {
      synchronized (this) {
        ended = true;
      }
    }
    deliver();
  }

  @Override
  public void updateCapacity(CapacityChannel channel) throws IOException {
    int grant;
    synchronized (this) {
      capacity = channel;
      grant = grantLocked();
    }
    if (grant > 0) {
      channel.update(grant);
    }
  }

  @Override
  public void consume(ByteBuffer src) throws IOException {
    int n = src.remaining();
    boolean tooLarge;
    synchronized (this) {
      received += n;
      tooLarge = received > maxBytes;
      if (!tooLarge) {
        if (fillLength + n > fill.length) {
          fill = java.util.Arrays.copyOf(fill, Math.max(fill.length * 2, fillLength + n));
        }
        src.get(fill, fillLength, n);
        fillLength += n;
        window -= n;
        waitingSince = -1;
      }
    }
    if (tooLarge) {
      src.position(src.limit());
      abort(Kind.RESPONSE_TOO_LARGE, "the body exceeded the maximum of " + maxBytes + " bytes");
      throw new BodyTooLarge();
    }
    deliver();
  }

  @Override
  public void streamEnd(List<? extends Header> trailers) {
    synchronized (this) {
      ended = true;
      waitingSince = -1;
    }
    deliver();
  }

  /** HttpCore cancelled the exchange (its requester is shutting down). */
  @Override
  public void cancel() {
    fail(new TransportException(Kind.CANCELLED, "the exchange was cancelled: " + target, null));
  }

  /** HttpCore is done with the exchange: a connection whose response ended normally goes back to the pool. */
  @Override
  public void releaseResources() {
    boolean reuse;
    synchronized (this) {
      reuse = ended && failure == null;
    }
    releaseEndpoint(reuse);
  }

  private void releaseEndpoint(boolean reuse) {
    AsyncClientEndpoint ep = endpoint;
    if (ep != null && endpointReleased.compareAndSet(false, true)) {
      if (reuse) {
        ep.releaseAndReuse();
      } else {
        ep.releaseAndDiscard();
      }
    }
  }

  /**
   * What to grant now: enough to bring the window back to one piece, once the bytes received are handed on and the
   * receiver is not holding the piece they would go into (or the body is being drained).
   */
  private int grantLocked() {
    if (capacity == null || ended || fillLength > 0 || window >= PIECE) {
      return 0;
    }
    if (!released && (demand == 0 || receiverHolds)) {
      return 0;
    }
    int grant = PIECE - window;
    window = PIECE;
    return grant;
  }

  // ---- the receiver's side

  private void request(long n) {
    if (n <= 0) {
      return;
    }
    synchronized (this) {
      demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
      receiverHolds = false;
    }
    deliver();
  }

  private void release() {
    if (stopped) {
      return;
    }
    synchronized (this) {
      if (ended && fillLength == 0) {
        stopped = true;
        return; // the body is done already
      }
    }
    drainUntil = Math.min(System.nanoTime() + DRAIN_NANOS, callDeadlineNanos);
    released = true;
    stopped = true;
    deliver();
  }

  /** {@link BodySubscription#cancel()}: abort, no more calls. */
  private void cancelBody() {
    synchronized (this) {
      if (ended && fillLength == 0 && !released) {
        stopped = true;
        return;
      }
    }
    stopped = true;
    abort(Kind.CANCELLED, "cancelled by the receiver");
  }

  // ---- aborts (any thread)

  /** Aborts the exchange (first failure wins): the lease is cancelled or the connection closed. */
  void abort(Kind kind, String why) {
    fail(new TransportException(kind, why + ": " + target, null));
  }

  private void fail(TransportException e) {
    synchronized (this) {
      if (failure != null || (ended && !released && fillLength == 0 && reported)) {
        return;
      }
      failure = e;
    }
    Future<AsyncClientEndpoint> l = lease;
    if (l != null) {
      l.cancel(true);
    }
    releaseEndpoint(false); // closes the connection, which ends the exchange
    deliver();
  }

  @Override
  public void expireIfLate(long now) {
    if (finished.get() || failure != null) {
      return;
    }
    if (released) {
      if (now - drainUntil >= 0) {
        abort(Kind.CANCELLED, "the released body did not end within its drain limit");
      }
      return;
    }
    if (callDeadlineNanos != Long.MAX_VALUE && now - callDeadlineNanos >= 0) {
      abort(Kind.CALL_TIMEOUT, status < 0 ? "the call deadline passed before the response headers arrived"
          : "the call deadline passed while waiting for body bytes");
      return;
    }
    if (endpoint == null) {
      if (now - connectDeadlineNanos >= 0) {
        if (poolFull.getAsBoolean()) {
          abort(Kind.POOL_TIMEOUT, "no pooled connection became free within the connect timeout (every connection "
              + "of the pool is in use): limit calls in flight (ResilientConfig.maxInflight) or give the client a "
              + "transport with a larger TransportConfig.maxConnections");
        } else {
          abort(Kind.CONNECT_TIMEOUT, "could not connect within the connect timeout");
        }
      }
      return;
    }
    if (status < 0) {
      if (now - headDeadlineNanos >= 0) {
        abort(Kind.RESPONSE_HEADERS_TIMEOUT, "no response headers within the headers timeout");
      }
      return;
    }
    long since = waitingSince;
    if (since >= 0 && now - since >= idleNanos) {
      abort(Kind.IDLE_TIMEOUT, "no body bytes within the idle timeout of " + TimeUnit.NANOSECONDS.toMillis(idleNanos)
          + " ms");
    }
  }

  /** Whether the call deadline has passed (for failure mapping). */
  boolean deadlinePassed() {
    return callDeadlineNanos != Long.MAX_VALUE && callDeadlineNanos - System.nanoTime() <= 0;
  }

  /** Whether the response head arrived. */
  boolean headReceived() {
    return status >= 0;
  }

  // ---- serialized delivery

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
    while (!reported) {
      TransportException f = failure;
      if (f != null) {
        reported = true;
        if (!stopped) {
          receiver.onFailure(f);
        }
        finish();
        return;
      }
      if (status < 0) {
        return;
      }
      if (!headDelivered) {
        headDelivered = true;
        if (!stopped) {
          receiver.onResponse(status, headers, subscription);
        }
        continue;
      }
      ByteBuffer piece = null;
      boolean complete = false;
      boolean drainDone = false;
      int grant;
      CapacityChannel channel;
      synchronized (this) {
        if (released) {
          drained += fillLength;
          fillLength = 0;
          if (drained > DRAIN_BYTES) {
            grant = 0;
            channel = null;
          } else {
            drainDone = ended;
            grant = grantLocked();
            channel = capacity;
          }
        } else {
          if (fillLength > 0 && demand > 0) {
            byte[] given = fill;
            int length = fillLength;
            if (receiverHolds) {
              given = java.util.Arrays.copyOf(fill, length); // the receiver asked for several: the last is still its
            } else {
              fill = spare != null ? spare : new byte[PIECE];
              spare = given;
            }
            fillLength = 0;
            receiverHolds = true;
            if (demand != Long.MAX_VALUE) {
              demand--;
            }
            piece = ByteBuffer.wrap(given, 0, length);
          } else if (fillLength == 0 && ended) {
            complete = true;
          }
          grant = grantLocked();
          channel = capacity;
          // idle: a piece is asked for (and the last one given back) and nothing is there yet
          if (demand > 0 && !receiverHolds && fillLength == 0 && !ended) {
            if (waitingSince < 0) {
              waitingSince = System.nanoTime();
            }
          } else {
            waitingSince = -1;
          }
        }
      }
      if (released && drained > DRAIN_BYTES) {
        abort(Kind.CANCELLED, "the released body had more than " + DRAIN_BYTES + " bytes left");
        continue;
      }
      if (grant > 0) {
        try {
          channel.update(grant);
        } catch (IOException e) {
          fail(new TransportException(Kind.IO, "the connection of " + target + " broke: " + e.getMessage(), e));
          continue;
        }
      }
      if (drainDone) {
        reported = true;
        finish();
        return;
      }
      if (piece != null) {
        if (!stopped) {
          receiver.onBody(piece);
        }
        continue;
      }
      if (complete) {
        reported = true;
        if (!stopped) {
          receiver.onComplete();
        }
        finish();
        return;
      }
      return;
    }
  }

  private void finish() {
    if (finished.compareAndSet(false, true)) {
      waitingSince = -1;
      if (failure != null) {
        releaseEndpoint(false);
      }
      CancelToken.Registration r = registration;
      if (r != null) {
        r.close();
      }
      onFinish.run();
    }
  }

  /** The body crossed the size limit (no stack trace: it is mapped at once). */
  static final class BodyTooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    BodyTooLarge() {
      super("the body exceeded the maximum size", null);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }
}
