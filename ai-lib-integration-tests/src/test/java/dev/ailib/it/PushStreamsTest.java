package dev.ailib.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.ailib.api.AiClient;
import dev.ailib.api.CallStats;
import dev.ailib.api.StreamHandler;
import dev.ailib.api.StreamSubscription;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.CancelledException;
import dev.ailib.api.error.RemoteException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.api.error.TransportException;
import dev.ailib.it.Fixtures.Family;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.Reply;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The push form ({@code stream(handler)}) and {@code publisher()} on both transports, whose non-blocking exchanges
 * they use: errors reach a handler that only implements {@code onEvent}, many streams wait without a thread each,
 * a cancel and the call's deadline end them, and a publisher delivers no more than requested.
 */
class PushStreamsTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  /**
   * Streams held open at once. Each costs two file descriptors here (client and server socket), and CI machines have
   * a low hard limit (the JVM raises its soft limit to it): 200 streams once ran out of descriptors there.
   */
  private static final int MANY = 100;
  private FakeProvider fake;

  @BeforeEach
  void start() {
    fake = FakeProvider.builder().maxConnections(MANY + 8).start();
  }

  @AfterEach
  void stop() {
    fake.releaseStalls();
    fake.close();
  }

  private AiClient client(String transport) {
    return Fixtures.builder(fake, Family.OPENAI).transport(transport).build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdk", "httpclient5"})
  void aLambdaHandlerSeesA401AsAStreamErrorEventAndTheCompletionFails(String transport) {
    fake.enqueue(Reply.error(401, "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":"
        + "\"invalid_request_error\",\"code\":\"invalid_api_key\"}}"));
    List<StreamingEvent> events = Collections.synchronizedList(new ArrayList<>());
    try (AiClient client = client(transport)) {
      CompletableFuture<CallStats> completion = client.chat().user("x").stream(events::add).completion();
      assertThatThrownBy(() -> completion.get(WAIT.toSeconds(), TimeUnit.SECONDS)).cause()
          .isInstanceOfSatisfying(RemoteException.class,
              e -> assertThat(e.errorType()).isEqualTo(StandardErrorCode.AUTHENTICATION));
    }
    assertThat(events).hasSize(1);
    assertThat(events.get(0).isStreamError()).isTrue();
    assertThat(events.get(0).asStreamError().error().errorType()).isEqualTo(StandardErrorCode.AUTHENTICATION);
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdk", "httpclient5"})
  void aCutStreamEndsInOnErrorOnlyWhenTheHandlerOverridesIt(String transport) throws Exception {
    fake.enqueue(Reply.streamedText("a ", "b ", "c ", "d").stallAfterEvents(2));
    List<StreamingEvent> events = Collections.synchronizedList(new ArrayList<>());
    AtomicReference<AiLibException> onError = new AtomicReference<>();
    CountDownLatch ended = new CountDownLatch(1);
    CountDownLatch content = new CountDownLatch(1);
    try (AiClient client = client(transport)) {
      StreamSubscription sub = client.chat().user("x").stream(new StreamHandler() {
        @Override
        public void onEvent(StreamingEvent event) {
          events.add(event);
          if (event.isContentDelta()) {
            content.countDown();
          }
        }

        @Override
        public void onError(AiLibException error) {
          onError.set(error);
          ended.countDown();
        }
      });
      fake.awaitStalled(1, WAIT);
      assertThat(content.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
      fake.close(); // the server goes away mid-answer, after the handler saw output
      assertThat(ended.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
      assertThatThrownBy(() -> sub.completion().get(WAIT.toSeconds(), TimeUnit.SECONDS)).cause()
          .isInstanceOf(TransportException.class);
    }
    assertThat(onError.get()).isInstanceOf(TransportException.class);
    // the error arrives once: in the overridden onError, never also as an event
    assertThat(events).noneMatch(StreamingEvent::isStreamError);
    assertThat(events.stream().filter(StreamingEvent::isContentDelta)).isNotEmpty();
  }

  /** 100 streams open at once, every one waiting at the server: the client holds no thread per stream. */
  @ParameterizedTest
  @ValueSource(strings = {"jdk", "httpclient5"})
  void aHundredPushStreamsWaitWithoutAThreadEachAndAllFinish(String transport) throws Exception {
    Map<Integer, String> texts = new ConcurrentHashMap<>();
    List<StreamSubscription> subs = new ArrayList<>();
    try (AiClient client = client(transport)) {
      fake.enqueue(Reply.streamedText("warm"));
      client.chat().user("warm-up").stream(e -> { }).completion().get(WAIT.toSeconds(), TimeUnit.SECONDS);
      for (int i = 0; i < MANY; i++) {
        fake.enqueue(Reply.streamedText("a ", "b ", "c").stallAfterEvents(2));
      }
      int before = clientThreads();
      for (int i = 0; i < MANY; i++) {
        int n = i;
        subs.add(client.chat().user("stream " + n).stream(event -> {
          if (event instanceof StreamingEvent.ContentDelta d) {
            texts.merge(n, d.text(), String::concat);
          }
        }));
      }
      // a bound, not a timing check: 200 connections opened at once on a loaded 2-core machine took over 20 s once
      awaitStalledOrFail(subs, Duration.ofSeconds(90));
      int during = clientThreads();
      fake.releaseStalls();
      for (StreamSubscription s : subs) {
        s.completion().get(WAIT.toSeconds(), TimeUnit.SECONDS);
      }
      assertThat(during - before).as("client threads added by %d open push streams on %s", MANY, transport)
          .isLessThanOrEqualTo(24);
    }
    assertThat(texts).hasSize(MANY);
    assertThat(texts.values()).allMatch("a b c"::equals);
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdk", "httpclient5"})
  void cancelEndsAWaitingPushStreamWithACancelledError(String transport) throws Exception {
    fake.enqueue(Reply.streamedText("a ", "b ", "c").stallAfterEvents(2));
    List<StreamingEvent> events = Collections.synchronizedList(new ArrayList<>());
    try (AiClient client = client(transport)) {
      StreamSubscription sub = client.chat().user("x").stream(events::add);
      fake.awaitStalled(1, WAIT);
      sub.cancel();
      assertThatThrownBy(() -> sub.completion().get(WAIT.toSeconds(), TimeUnit.SECONDS)).cause()
          .isInstanceOf(CancelledException.class);
      assertThat(fake.awaitClientDisconnect(WAIT)).isNotNull();
    }
    assertThat(events.get(events.size() - 1).isStreamError()).isTrue();
    assertThat(events.get(events.size() - 1).asStreamError().error()).isInstanceOf(CancelledException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdk", "httpclient5"})
  void theCallDeadlineEndsAStalledPushStream(String transport) {
    fake.enqueue(Reply.streamedText("a ", "b ", "c ", "d").stallAfterEvents(2));
    try (AiClient client = Fixtures.builder(fake, Family.OPENAI).transport(transport).timeout(Duration.ofMillis(700))
        .build()) {
      CompletableFuture<CallStats> completion = client.chat().user("x").stream(e -> { }).completion();
      assertThatThrownBy(() -> completion.get(WAIT.toSeconds(), TimeUnit.SECONDS)).cause()
          .isInstanceOfSatisfying(TransportException.class,
              e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.CALL_TIMEOUT));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdk", "httpclient5"})
  void aPublisherDeliversNoMoreThanRequestedThenEverythingOnDemand(String transport) throws Exception {
    fake.enqueue(Reply.streamedText("p", "u", "b", "l", "i", "s", "h"));
    List<StreamingEvent> got = Collections.synchronizedList(new ArrayList<>());
    AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
    CountDownLatch two = new CountDownLatch(2);
    CountDownLatch complete = new CountDownLatch(1);
    try (AiClient client = client(transport)) {
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
        }

        @Override
        public void onComplete() {
          complete.countDown();
        }
      });
      assertThat(two.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
      Thread.sleep(200); // the whole answer has arrived by now: still only what was asked for
      assertThat(got).hasSize(2);
      subscription.get().request(Long.MAX_VALUE);
      assertThat(complete.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }
    StringBuilder text = new StringBuilder();
    got.stream().filter(StreamingEvent::isContentDelta).forEach(e -> text.append(e.asContentDelta().text()));
    assertThat(text.toString()).isEqualTo("publish");
    assertThat(got.get(got.size() - 1).isStreamEnd()).isTrue();
  }

  /** Threads of the client side: all but the fake server's and the JVM's own. */
  /**
   * Waits until every stream is held at the server; a stream that ends first fails the test at once with its error
   * (and the server's view), so a failure says why rather than only that the streams never arrived.
   */
  private void awaitStalledOrFail(List<StreamSubscription> subs, Duration bound) throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (fake.stalledStreams() < subs.size()) {
      for (StreamSubscription s : subs) {
        CompletableFuture<CallStats> c = s.completion();
        if (c.isDone()) {
          Throwable why = c.handle((ok, e) -> e).join();
          throw new AssertionError("a push stream ended before the server held it (" + fake.stalledStreams()
              + " of " + subs.size() + " held, " + fake.openConnections() + " connections open, "
              + fake.totalConnections() + " accepted, " + descriptors() + "): "
              + (why == null ? "it completed normally" : why), why);
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(fake.stalledStreams() + " of " + subs.size() + " push streams held by the server "
            + "after " + bound + " (" + fake.openConnections() + " connections open, " + fake.totalConnections()
            + " accepted, " + fake.requestCount() + " requests received, " + descriptors() + ")");
      }
      Thread.sleep(20);
    }
  }

  /** This JVM's open and maximum file descriptors, where the platform tells. */
  private static String descriptors() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean os) {
      return os.getOpenFileDescriptorCount() + " of " + os.getMaxFileDescriptorCount() + " file descriptors open";
    }
    return "file descriptors unknown";
  }

  private static int clientThreads() {
    int n = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive() && !t.getName().startsWith("fake-provider-")) {
        n++;
      }
    }
    return n;
  }
}
