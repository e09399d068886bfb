package dev.ailib.core.spi.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.api.CancelToken;
import dev.ailib.api.error.TransportException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Transport#exchange}'s default over a transport that only implements {@code send}: the response is pushed
 * no faster than asked for, on the given executor, and a cancel or release ends it (the adapters' own push
 * exchanges are checked by the transport contract kit).
 */
class BlockingExchangeTest {
  private static final URI URL = URI.create("http://127.0.0.1:1/x");
  private final ExecutorService pool = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  /** A transport answering one body; its stream blocks after the bytes until cancelled or closed. */
  private static final class OneBody implements Transport {
    final byte[] bytes;
    final boolean stallAtEnd;
    final AtomicBoolean closed = new AtomicBoolean();
    final AtomicBoolean aborted = new AtomicBoolean();

    OneBody(byte[] bytes, boolean stallAtEnd) {
      this.bytes = bytes;
      this.stallAtEnd = stallAtEnd;
    }

    @Override
    public TransportResponse send(TransportRequest request, CancelToken cancel) {
      if (cancel.isCancelled()) {
        throw new TransportException(TransportException.Kind.CANCELLED, "cancelled before sending", null);
      }
      CountDownLatch abort = new CountDownLatch(1);
      cancel.onCancel(() -> {
        aborted.set(true);
        abort.countDown();
      });
      ByteArrayInputStream data = new ByteArrayInputStream(bytes);
      var body = new InputStream() {
        @Override
        public int read() {
          throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          if (aborted.get()) {
            throw new TransportException(TransportException.Kind.CANCELLED, "aborted", null);
          }
          int n = data.read(b, off, Math.min(len, 100)); // 100 bytes per read: several pieces
          if (n < 0 && stallAtEnd) {
            try {
              abort.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            throw new TransportException(TransportException.Kind.CANCELLED, "aborted", null);
          }
          return n;
        }
      };
      return TransportResponse.of(200, HttpHeaders.of("X-A", "b"), new InputStream() {
        @Override
        public int read() {
          throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return body.read(b, off, len);
        }

        @Override
        public void close() {
          closed.set(true);
        }
      });
    }
  }

  /** Records what arrives and asks for one piece at a time from the test's thread. */
  private static final class Receiver implements ResponseReceiver {
    final CompletableFuture<BodySubscription> head = new CompletableFuture<>();
    final CompletableFuture<Void> end = new CompletableFuture<>();
    final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    final StringBuilder text = new StringBuilder();
    final AtomicInteger pieces = new AtomicInteger();
    final AtomicLong requested = new AtomicLong();

    @Override
    public void onResponse(int status, HttpHeaders headers, BodySubscription body) {
      head.complete(body);
    }

    @Override
    public synchronized void onBody(ByteBuffer chunk) {
      if (pieces.incrementAndGet() > requested.get()) {
        violations.add("piece " + pieces.get() + " with " + requested.get() + " asked for");
      }
      text.append(StandardCharsets.UTF_8.decode(chunk));
    }

    @Override
    public void onComplete() {
      end.complete(null);
    }

    @Override
    public void onFailure(TransportException failure) {
      end.completeExceptionally(failure);
    }

    void request(long n) throws Exception {
      requested.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
      head.get(5, TimeUnit.SECONDS).request(n);
    }

    synchronized String text() {
      return text.toString();
    }
  }

  @Test
  void theBodyIsPushedNoFasterThanAskedAndCompletes() throws Exception {
    byte[] body = "x".repeat(1000).getBytes(StandardCharsets.US_ASCII);
    OneBody t = new OneBody(body, false);
    Receiver r = new Receiver();
    t.exchange(new TransportRequest("GET", URL, HttpHeaders.EMPTY, null), new CancelToken(), pool, r);
    r.request(2);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (r.pieces.get() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    Thread.sleep(100);
    assertThat(r.pieces.get()).isEqualTo(2); // nothing beyond what was asked for
    r.request(Long.MAX_VALUE);
    r.end.get(5, TimeUnit.SECONDS);
    assertThat(r.text()).hasSize(1000);
    assertThat(r.violations).isEmpty();
    assertThat(t.closed.get()).isTrue();
  }

  @Test
  void theRequestsTokenEndsAnExchangeWaitingForDemand() throws Exception {
    OneBody t = new OneBody("abc".getBytes(StandardCharsets.US_ASCII), true);
    Receiver r = new Receiver();
    CancelToken token = new CancelToken();
    t.exchange(new TransportRequest("GET", URL, HttpHeaders.EMPTY, null), token, pool, r);
    r.head.get(5, TimeUnit.SECONDS); // no demand: the exchange waits
    token.cancel();
    CompletableFuture<Void> end = r.end;
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> end.get(5, TimeUnit.SECONDS)).cause()
        .isInstanceOfSatisfying(TransportException.class,
            e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.CANCELLED));
    assertThat(r.pieces.get()).isZero();
  }

  @Test
  void aCancelOrReleaseByTheReceiverEndsItWithoutMoreCalls() throws Exception {
    for (boolean release : new boolean[] {false, true}) {
      OneBody t = new OneBody("y".repeat(500).getBytes(StandardCharsets.US_ASCII), true);
      Receiver r = new Receiver();
      t.exchange(new TransportRequest("GET", URL, HttpHeaders.EMPTY, null), new CancelToken(), pool, r);
      r.request(1);
      BodySubscription s = r.head.get(5, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (r.pieces.get() < 1 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      if (release) {
        s.release();
      } else {
        s.cancel();
        assertThat(t.aborted.get()).isTrue();
      }
      deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (!t.closed.get() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(t.closed.get()).as("response closed after %s", release ? "release" : "cancel").isTrue();
      r.request(10);
      Thread.sleep(50);
      assertThat(r.pieces.get()).isEqualTo(1);
      assertThat(r.end.isDone()).isFalse();
    }
  }

  @Test
  void aFailedSendIsReportedAndARefusedTaskToo() throws Exception {
    OneBody t = new OneBody(new byte[0], false);
    CancelToken cancelled = new CancelToken();
    cancelled.cancel();
    Receiver r = new Receiver();
    t.exchange(new TransportRequest("GET", URL, HttpHeaders.EMPTY, null), cancelled, pool, r);
    CompletableFuture<Void> end = r.end;
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> end.get(5, TimeUnit.SECONDS)).cause()
        .isInstanceOf(TransportException.class);
    Receiver refused = new Receiver();
    t.exchange(new TransportRequest("GET", URL, HttpHeaders.EMPTY, null), new CancelToken(), task -> {
      throw new java.util.concurrent.RejectedExecutionException("full");
    }, refused);
    assertThat(refused.end).isCompletedExceptionally();
  }
}
