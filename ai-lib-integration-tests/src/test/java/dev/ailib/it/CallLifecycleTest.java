package dev.ailib.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.AiClient;
import dev.ailib.api.ChatStream;
import dev.ailib.api.ResilientConfig;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.Timeouts;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.TransportException;
import dev.ailib.core.spi.Environment;
import dev.ailib.testkit.fake.ClientDisconnect;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One call's life through the public API against {@link FakeProvider}, on the bundled manifests and the JDK
 * transport: the whole-call deadline ends a stalled stream, an abandoned pull stream gives its connection back once
 * it is unreachable (issue 21 R4), and a model id cannot move a request to another path of the provider (S9).
 */
class CallLifecycleTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final String KEY = "sk-LIFECYCLE-4c2e81";
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

  private dev.ailib.api.AiClientBuilder builder(String model) {
    return AiClient.builder().model(model).baseUrl(fake.baseUrl()).apiKey(KEY)
        .resilience(ResilientConfig.builder().maxRetries(0).build())
        .component(Environment.of(Map.of()));
  }

  @Test
  void theWholeCallDeadlineEndsAStalledStream() {
    fake.enqueue(Reply.streamedText("a ", "b ", "c ", "d").stallAfterEvents(2));
    // the idle timeout is longer than the call's: the call's deadline is what ends the stream; the deadline is
    // generous enough that opening the stream on a loaded machine stays well inside it
    Timeouts timeouts = new Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30),
        Duration.ofSeconds(3));
    try (AiClient client = builder("openai/gpt-4o").timeouts(timeouts).build();
        ChatStream stream = client.chat().user("x").stream()) {
      Iterator<StreamingEvent> it = stream.iterator();
      assertThat(it.next().isContentDelta()).isTrue();
      assertThatThrownBy(() -> {
        while (it.hasNext()) {
          it.next();
        }
      }).isInstanceOfSatisfying(TransportException.class,
          e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.CALL_TIMEOUT));
    }
    assertThat(fake.awaitClientDisconnect(WAIT)).isNotNull();
  }

  /** Opens a stream, reads its first event and lets go of it without closing it. */
  private static void openAndDrop(AiClient client) {
    ChatStream stream = client.chat().user("count").stream();
    assertThat(stream.iterator().next().isContentDelta()).isTrue();
  }

  @Test
  void anAbandonedStreamGivesItsConnectionBackOnceUnreachable() throws Exception {
    fake.enqueue(Reply.streamedText("one ", "two ", "three ").stallAfterEvents(2)); // role chunk, "one "
    try (AiClient client = builder("openai/gpt-4o").build()) {
      openAndDrop(client);
      fake.awaitStalled(1, WAIT);
      ClientDisconnect disconnect = null;
      for (int i = 0; i < 100 && disconnect == null; i++) { // bounded: 100 rounds of GC and 50 ms
        System.gc();
        disconnect = fake.clientDisconnects().isEmpty() ? null : fake.clientDisconnects().get(0);
        if (disconnect == null) {
          Thread.sleep(50);
        }
      }
      assertThat(disconnect).as("the server saw the abandoned stream's connection closed").isNotNull();
      assertThat(disconnect.duringResponse()).isTrue();
      assertThat(fake.awaitOpenConnections(0, WAIT)).isTrue();
    }
  }

  /** The bundled Gemini manifest in a directory of its own, accepting model ids it does not list. */
  private static Path geminiAcceptingUnlistedModels(Path dir) throws IOException {
    String bundled;
    try (InputStream in = CallLifecycleTest.class.getResourceAsStream("/dev/ailib/protocol/yaml/manifests/gemini.yaml")) {
      assertThat(in).as("bundled gemini manifest").isNotNull();
      bundled = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String open = bundled.replace("feature_flags: {", "feature_flags: {open_model_catalog: true, ");
    assertThat(open).isNotEqualTo(bundled);
    Files.writeString(dir.resolve("gemini.yaml"), open);
    return dir;
  }

  @Test
  void aModelIdWithDotDotSegmentsIsRefusedBeforeAnyRequest(@TempDir Path dir) throws IOException {
    Path protocol = geminiAcceptingUnlistedModels(dir);
    assertThatThrownBy(() -> builder("gemini/../../../admin/delete").protocolDir(protocol).build())
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("model id '../../../admin/delete'")
        .hasMessageContaining("'..' segment")
        .hasMessageNotContaining(KEY);
    assertThat(fake.requestCount()).isZero();
  }

  @Test
  void pathUnsafeCharactersOfAnUnlistedModelIdAreEncoded(@TempDir Path dir) throws IOException {
    Path protocol = geminiAcceptingUnlistedModels(dir);
    fake.enqueue(Reply.text("fine"));
    try (AiClient client = builder("gemini/tuned:v1?x=1#frag%2e").protocolDir(protocol).build()) {
      assertThat(client.chat().user("x").execute().content()).isEqualTo("fine");
    }
    var request = fake.takeRequest(WAIT);
    assertThat(request.path()).isEqualTo("/models/tuned:v1%3Fx%3D1%23frag%252e:generateContent");
    assertThat(request.query()).isEmpty();
  }
}
