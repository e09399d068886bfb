package dev.ailib.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ailib.api.AiClient;
import dev.ailib.api.CallStats;
import dev.ailib.api.CancelToken;
import dev.ailib.api.ChatResult;
import dev.ailib.api.ChatStream;
import dev.ailib.api.StreamHandler;
import dev.ailib.api.StreamSubscription;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.CancelledException;
import dev.ailib.api.error.RemoteException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.api.error.TransportException;
import dev.ailib.it.Fixtures.Family;
import dev.ailib.testkit.fake.ClientDisconnect;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Cancellation, closing, async, push and publisher forms through the public API against FakeProvider. */
class StreamControlTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private FakeProvider fake;

  @BeforeEach
  void start() {
    fake = FakeProvider.start();
  }

  @AfterEach
  void stop() {
    fake.releaseStalls();
    fake.close();
  }

  /** The stream stalls mid-answer; cancel() from another thread must close the connection within a second. */
  @ParameterizedTest
  @EnumSource(Family.class)
  void cancelClosesTheConnectionWithinOneSecondAndLeavesNothingBehind(Family family) throws Exception {
    Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
    // the Responses format sends four lifecycle events (created, in_progress, item and part added) before any text
    int stallAfter = family == Family.RESPONSES ? 6 : 4;
    fake.enqueue(Reply.streamedText("one ", "two ", "three ", "four ", "five").stallAfterEvents(stallAfter));
    CancelToken token = new CancelToken();
    List<StreamingEvent> seen = Collections.synchronizedList(new ArrayList<>());
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    CountDownLatch firstContent = new CountDownLatch(1);
    AiClient client = Fixtures.client(fake, family);
    Thread reader = new Thread(() -> {
      try (ChatStream stream = client.chat().user("count").stream(token)) {
        for (StreamingEvent e : stream) {
          seen.add(e);
          if (e.isContentDelta()) {
            firstContent.countDown();
          }
        }
      } catch (Throwable t) {
        thrown.set(t);
      }
    }, "test-reader");
    reader.start();
    fake.awaitStalled(1, WAIT);
    assertThat(firstContent.await(5, TimeUnit.SECONDS)).isTrue();
    long cancelledAt = System.nanoTime();
    token.cancel();
    ClientDisconnect d = fake.awaitClientDisconnect(Duration.ofSeconds(1));
    assertThat(d.duringResponse()).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(Duration.ofSeconds(1));
    reader.join(WAIT.toMillis());
    assertThat(reader.isAlive()).isFalse();
    assertThat(thrown.get()).isInstanceOf(CancelledException.class);
    assertThat(seen).isNotEmpty();
    assertThat(seen.get(seen.size() - 1).isStreamError()).isTrue();
    assertThat(seen.get(seen.size() - 1).asStreamError().error().errorType()).isEqualTo(StandardErrorCode.CANCELLED);
    assertThat(fake.awaitOpenConnections(0, Duration.ofSeconds(1))).isTrue();
    client.close();
    assertNoNewClientThreads(before);
  }

  @Test
  void breakingOutOfTheLoopAndClosingAbortsTheExchange() {
    fake.enqueue(Reply.streamedText("a ", "b ", "c ", "d").stallAfterEvents(3));
    try (AiClient client = Fixtures.client(fake, Family.OPENAI)) {
      try (ChatStream stream = client.chat().user("x").stream()) {
        for (StreamingEvent e : stream) {
          if (e.isContentDelta()) {
            break;
          }
        }
      }
      assertThat(fake.awaitClientDisconnect(Duration.ofSeconds(1)).duringResponse()).isTrue();
    }
  }

  @Test
  void disconnectMidStreamIsAStreamErrorThenThrown() {
    // deterministic: the server cuts the connection only after the client has read output
    fake.enqueue(Reply.streamedText("a ", "b ", "c ", "d ", "e").stallAfterEvents(4));
    try (AiClient client = Fixtures.client(fake, Family.ANTHROPIC);
        ChatStream stream = client.chat().user("x").stream()) {
      Iterator<StreamingEvent> it = stream.iterator();
      List<StreamingEvent> events = new ArrayList<>();
      for (int i = 0; i < 20 && (events.isEmpty() || !events.get(events.size() - 1).isContentDelta()); i++) {
        events.add(it.next());
      }
      assertThat(events.get(events.size() - 1).isContentDelta()).isTrue();
      fake.awaitStalled(1, WAIT);
      fake.close(); // ends the stalled stream without sending more: the body breaks off
      assertThatThrownBy(() -> {
        while (it.hasNext()) {
          events.add(it.next());
        }
      }).isInstanceOf(TransportException.class);
      assertThat(events.get(events.size() - 1).isStreamError()).isTrue();
    }
  }

  @Test
  void executeAsyncCompletesAndCancellingTheFutureCancelsTheCall() throws Exception {
    fake.enqueue(Reply.text("async answer"));
    fake.enqueue(Reply.text("slow").delayBeforeHeaders(Duration.ofSeconds(30)));
    try (AiClient client = Fixtures.client(fake, Family.GEMINI)) {
      ChatResult r = client.chat().user("x").executeAsync().get(5, TimeUnit.SECONDS);
      assertThat(r.response().content()).isEqualTo("async answer");

      CompletableFuture<ChatResult> slow = client.chat().user("y").executeAsync();
      fake.takeRequest(WAIT);
      fake.takeRequest(WAIT);
      assertThat(slow.cancel(true)).isTrue();
      assertThat(fake.awaitClientDisconnect(Duration.ofSeconds(1))).isNotNull();
    }
  }

  @Test
  void asyncFailureCompletesExceptionally() {
    fake.enqueue(Reply.error(503));
    try (AiClient client = Fixtures.client(fake, Family.OPENAI)) {
      CompletableFuture<ChatResult> f = client.chat().user("x").executeAsync();
      assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(RemoteException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(Family.class)
  void pushDeliversEventsThenCompletes(Family family) throws Exception {
    fake.enqueue(Reply.streamedText("pu", "sh"));
    List<String> text = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch done = new CountDownLatch(1);
    try (AiClient client = Fixtures.client(fake, family)) {
      StreamSubscription sub = client.chat().user("x").stream(new StreamHandler() {
        @Override
        public void onEvent(StreamingEvent event) {
          if (event instanceof StreamingEvent.ContentDelta d) {
            text.add(d.text());
          }
        }

        @Override
        public void onComplete() {
          done.countDown();
        }
      });
      CallStats stats = sub.completion().get(5, TimeUnit.SECONDS);
      assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(stats.provider()).isNotBlank();
    }
    assertThat(String.join("", text)).isEqualTo("push");
  }

  /** Issue 21 (newcomer trial): a lambda handler has no onError, and after a 401 it used to get nothing at all. */
  @ParameterizedTest
  @EnumSource(Family.class)
  void aLambdaHandlerGetsTheErrorAsItsLastEvent(Family family) {
    fake.enqueue(Reply.error(401, "{\"error\":{\"message\":\"bad key\",\"type\":\"invalid_request_error\"}}"));
    List<StreamingEvent> events = Collections.synchronizedList(new ArrayList<>());
    try (AiClient client = Fixtures.client(fake, family)) {
      StreamSubscription sub = client.chat().user("x").stream(events::add);
      Throwable failure = catchThrowable(() -> sub.completion().get(5, TimeUnit.SECONDS));
      assertThat(failure).isInstanceOf(ExecutionException.class).cause().isInstanceOf(RemoteException.class);
      AiLibException error = (AiLibException) failure.getCause();
      assertThat(error.errorType()).isEqualTo(StandardErrorCode.AUTHENTICATION);
      // delivered before the completion failed, exactly once, as the same exception
      assertThat(events).singleElement().isInstanceOfSatisfying(StreamingEvent.StreamError.class,
          e -> assertThat(e.error()).isSameAs(error));
    }
  }

  @Test
  void aHandlerWithItsOwnOnErrorGetsTheErrorThereOnly() throws Exception {
    fake.enqueue(Reply.error(401));
    List<StreamingEvent> events = Collections.synchronizedList(new ArrayList<>());
    AtomicReference<AiLibException> error = new AtomicReference<>();
    try (AiClient client = Fixtures.client(fake, Family.ANTHROPIC)) {
      StreamSubscription sub = client.chat().user("x").stream(new StreamHandler() {
        @Override
        public void onEvent(StreamingEvent event) {
          events.add(event);
        }

        @Override
        public void onError(AiLibException e) {
          error.set(e);
        }
      });
      assertThatThrownBy(() -> sub.completion().get(5, TimeUnit.SECONDS)).cause().isInstanceOf(RemoteException.class);
      assertThat(error.get()).isInstanceOf(RemoteException.class)
          .satisfies(e -> assertThat(e.errorType()).isEqualTo(StandardErrorCode.AUTHENTICATION));
      assertThat(events).isEmpty();
    }
  }

  @Test
  void pushCancelGivesACancelledError() throws Exception {
    fake.enqueue(Reply.streamedText("a ", "b ", "c").stallAfterEvents(3));
    AtomicReference<AiLibException> error = new AtomicReference<>();
    try (AiClient client = Fixtures.client(fake, Family.OPENAI)) {
      StreamSubscription sub = client.chat().user("x").stream(new StreamHandler() {
        @Override
        public void onEvent(StreamingEvent event) {
        }

        @Override
        public void onError(AiLibException e) {
          error.set(e);
        }
      });
      fake.awaitStalled(1, WAIT);
      sub.cancel();
      assertThatThrownBy(() -> sub.completion().get(5, TimeUnit.SECONDS)).cause()
          .isInstanceOf(CancelledException.class);
      assertThat(error.get()).isInstanceOf(CancelledException.class);
      assertThat(fake.awaitClientDisconnect(Duration.ofSeconds(1))).isNotNull();
    }
  }

  @Test
  void publisherHonoursDemandAndCancel() throws Exception {
    fake.enqueue(Reply.streamedText("a ", "b ", "c ", "d ", "e").stallAfterEvents(5));
    List<StreamingEvent> got = Collections.synchronizedList(new ArrayList<>());
    AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
    CountDownLatch two = new CountDownLatch(2);
    CountDownLatch finished = new CountDownLatch(1);
    try (AiClient client = Fixtures.client(fake, Family.OPENAI)) {
      client.chat().user("x").publisher().subscribe(new Flow.Subscriber<>() {
        @Override
        public void onSubscribe(Flow.Subscription s) {
          subscription.set(s);
          s.request(2);
        }

        @Override
        public void onNext(StreamingEvent item) {
          got.add(item);
          two.countDown();
        }

        @Override
        public void onError(Throwable t) {
          finished.countDown();
        }

        @Override
        public void onComplete() {
          finished.countDown();
        }
      });
      assertThat(two.await(5, TimeUnit.SECONDS)).isTrue();
      // no more than requested arrives while no more is requested
      assertThat(finished.await(300, TimeUnit.MILLISECONDS)).isFalse();
      assertThat(got).hasSize(2);
      subscription.get().cancel();
      assertThat(fake.awaitClientDisconnect(Duration.ofSeconds(1))).isNotNull();
      assertThat(got).hasSize(2);
    }
  }

  @Test
  void publisherDeliversEverythingThenCompletes() throws Exception {
    fake.enqueue(Reply.streamedText("x", "y", "z"));
    StringBuilder text = new StringBuilder();
    CountDownLatch complete = new CountDownLatch(1);
    try (AiClient client = Fixtures.client(fake, Family.ANTHROPIC)) {
      client.chat().user("x").publisher().subscribe(new Flow.Subscriber<>() {
        private Flow.Subscription s;

        @Override
        public void onSubscribe(Flow.Subscription s) {
          this.s = s;
          s.request(1);
        }

        @Override
        public void onNext(StreamingEvent item) {
          if (item instanceof StreamingEvent.ContentDelta d) {
            synchronized (text) {
              text.append(d.text());
            }
          }
          s.request(1);
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onComplete() {
          complete.countDown();
        }
      });
      assertThat(complete.await(5, TimeUnit.SECONDS)).isTrue();
    }
    synchronized (text) {
      assertThat(text.toString()).isEqualTo("xyz");
    }
  }

  @Test
  void wholeCallTimeoutEndsAStalledStream() {
    fake.enqueue(Reply.streamedText("a ", "b ", "c ", "d").stallAfterEvents(3));
    try (AiClient client = Fixtures.builder(fake, Family.OPENAI).timeout(Duration.ofMillis(500)).build()) {
      assertThatThrownBy(() -> {
        try (ChatStream stream = client.chat().user("x").stream()) {
          stream.forEach(e -> { });
        }
      })
          .isInstanceOf(TransportException.class)
          .satisfies(e -> assertThat(((TransportException) e).kind()).isEqualTo(TransportException.Kind.CALL_TIMEOUT));
    }
  }

  /** Waits (bounded) until no ai-lib or JDK HttpClient thread started after {@code before} is alive. */
  static void assertNoNewClientThreads(Set<Thread> before) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    List<String> left;
    do {
      left = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).filter(t -> !before.contains(t))
          .map(Thread::getName).filter(n -> n.startsWith("ailib-") || n.startsWith("HttpClient-"))
          // one for the whole process, shared by every client, started with the first pull stream
          .filter(n -> !n.equals("ailib-stream-cleaner")).toList();
      if (left.isEmpty()) {
        return;
      }
      // on Java 17 the JDK HttpClient's selector thread ends only once the closed client is garbage
      System.gc();
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    assertThat(left).as("threads left by the closed client").isEmpty();
  }
}
