package dev.ailib.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.api.AiClient;
import dev.ailib.api.AiClientBuilder;
import dev.ailib.api.CancelToken;
import dev.ailib.api.ChatRequest;
import dev.ailib.api.ChatStream;
import dev.ailib.api.ResilientConfig;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.CancelledException;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.RemoteException;
import dev.ailib.api.error.TransportException;
import dev.ailib.api.spi.ClientConfig;
import dev.ailib.core.spi.Interceptor;
import dev.ailib.core.spi.transport.TransportResponse;
import dev.ailib.it.Fixtures.Family;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.RecordedRequest;
import dev.ailib.testkit.fake.Reply;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A recognisable API key goes through every error path (401, 500, transport failure, bad parameter, cancelled
 * stream) and must appear in no exception message (with causes and suppressed), no toString() of client, config or
 * request, and no log line (ai-lib's loggers at every level, all others at their configured level).
 */
class SecretsTest {
  private final List<String> logs = Collections.synchronizedList(new ArrayList<>());
  private final Logger root = Logger.getLogger("");
  private final Logger library = Logger.getLogger("dev.ailib");
  private Level oldLevel;
  private Handler handler;
  private FakeProvider fake;

  @BeforeEach
  void captureLogs() {
    fake = FakeProvider.start();
    // every ai-lib logger at every level, everything else (JDK, other libraries) at its configured level: the JDK
    // HttpClient's own FINE debug log prints request URLs, which carry the key for query-parameter auth
    oldLevel = library.getLevel();
    library.setLevel(Level.ALL);
    SimpleFormatter format = new SimpleFormatter();
    handler = new Handler() {
      @Override
      public void publish(LogRecord r) {
        logs.add(format.format(r));
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    handler.setLevel(Level.ALL);
    root.addHandler(handler);
  }

  @AfterEach
  void restore() {
    root.removeHandler(handler);
    library.setLevel(oldLevel);
    fake.releaseStalls();
    fake.close();
  }

  /** Where the key travels: one case per placement the manifests can declare. */
  enum KeyPlacement {
    /** {@code Authorization: Bearer} (bundled openai). */
    BEARER(Family.OPENAI, null, r -> r.header("Authorization")),
    /** The same header on the Responses style (bundled openai, {@code gpt-5-pro}): its own error events. */
    BEARER_RESPONSES(Family.RESPONSES, null, r -> r.header("Authorization")),
    /** A custom header (bundled anthropic: {@code x-api-key}). */
    HEADER(Family.ANTHROPIC, null, r -> r.header("x-api-key")),
    /** Google's header (bundled gemini: {@code x-goog-api-key}). */
    GOOGLE_HEADER(Family.GEMINI, null, r -> r.header("x-goog-api-key")),
    /** The query string ({@code ?key=}), from the test's own fixture manifest {@code querykey.yaml}. */
    QUERY(null, "querykey/qk-flash", r -> r.queryParameter("key"));

    private final Family family;
    private final String model;
    private final Function<RecordedRequest, String> sent;

    KeyPlacement(Family family, String model, Function<RecordedRequest, String> sent) {
      this.family = family;
      this.model = model;
      this.sent = sent;
    }

    String model() {
      return family != null ? family.model : model;
    }

    AiClientBuilder builder(FakeProvider fake) {
      if (family != null) {
        return Fixtures.builder(fake, family);
      }
      return Fixtures.builder(fake, Family.GEMINI).model(model).protocolDir(fixtureManifests());
    }

    private static Path fixtureManifests() {
      try {
        return Path.of(SecretsTest.class.getResource("manifests/querykey.yaml").toURI()).getParent();
      } catch (URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(KeyPlacement.class)
  void keyNeverLeaks(KeyPlacement placement) throws Exception {
    List<Throwable> errors = new ArrayList<>();
    List<String> printed = new ArrayList<>();
    Interceptor recordRequests = chain -> {
      printed.add(chain.request().toString());
      printed.add(chain.request().headers().toString());
      printed.add(chain.request().redactedUri());
      TransportResponse r = chain.proceed(chain.request());
      printed.add(r.headers().toString());
      return r;
    };
    AiClientBuilder builder = placement.builder(fake).interceptor(recordRequests);
    printed.add(builder.toString());
    try (AiClient client = builder.build()) {
      printed.add(client.toString());
      // 401 and 500, the body echoing the key as some providers do
      fake.enqueue(Reply.error(401).errorMessage("Incorrect API key provided: " + Fixtures.KEY));
      fake.enqueue(Reply.error(500));
      errors.add(failure(() -> client.chat().user("hi").execute()));
      errors.add(failure(() -> client.chat().user("hi").execute()));
      // bad parameter
      errors.add(failure(() -> client.chat().user("hi").temperature(99).execute()));
      // cancelled stream
      fake.enqueue(Reply.streamedText("a ", "b ", "c ", "d ", "e ", "f").stallAfterEvents(5));
      CancelToken token = new CancelToken();
      try (ChatStream stream = client.chat().user("hi").stream(token)) {
        for (StreamingEvent e : stream) {
          printed.add(e.toString());
          if (e.isContentDelta()) {
            token.cancel();
          }
        }
      } catch (AiLibException e) {
        errors.add(e);
      }
      ChatRequest request = client.chat().user("hi").build();
      printed.add(request.toString());
    }
    // transport failure: nothing listens on the port
    int deadPort;
    try (ServerSocket s = new ServerSocket(0)) {
      deadPort = s.getLocalPort();
    }
    try (AiClient dead = placement.builder(fake).baseUrl("http://127.0.0.1:" + deadPort).build()) {
      errors.add(failure(() -> dead.chat().user("hi").execute()));
    }
    ClientConfig config = new ClientConfig(placement.model(), null, null, ResilientConfig.unset(), null, Fixtures.KEY,
        List.of(), null, List.of());
    printed.add(config.toString());

    assertThat(errors).hasSize(5).allSatisfy(e -> assertThat(e).isInstanceOf(AiLibException.class));
    assertThat(errors.get(0)).isInstanceOf(RemoteException.class);
    assertThat(errors.get(1)).isInstanceOf(RemoteException.class);
    assertThat(errors.get(2)).isInstanceOf(ProtocolException.class);
    assertThat(errors.get(3)).isInstanceOf(CancelledException.class);
    assertThat(errors.get(4)).isInstanceOf(TransportException.class);
    for (Throwable e : errors) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      assertThat(trace.toString()).as("exception with causes and suppressed").doesNotContain(Fixtures.KEY);
    }
    assertThat(printed).isNotEmpty().allSatisfy(p -> assertThat(p).doesNotContain(Fixtures.KEY));
    // the capture sees ai-lib's DEBUG lines (so an empty list below means "nothing logged", not "not captured")
    System.getLogger("dev.ailib.probe").log(System.Logger.Level.DEBUG, "log capture works");
    assertThat(logs).anyMatch(l -> l.contains("log capture works"));
    assertThat(logs).allSatisfy(l -> assertThat(l).doesNotContain(Fixtures.KEY));
    // the key did reach the provider: the check above is not vacuous
    assertThat(fake.requests()).isNotEmpty();
    assertThat(fake.requests().get(0).toString()).doesNotContain(Fixtures.KEY);
    String sent = placement.sent.apply(fake.requests().get(0));
    assertThat(sent).contains(Fixtures.KEY);
  }

  private static Throwable failure(Runnable call) {
    try {
      call.run();
    } catch (Throwable t) {
      return t;
    }
    throw new AssertionError("expected a failure");
  }

  static final Duration WAIT = Duration.ofSeconds(5);
}
