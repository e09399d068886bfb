package dev.ailib.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.api.AiClient;
import dev.ailib.api.CallStats;
import dev.ailib.api.StreamSubscription;
import dev.ailib.api.StreamingEvent;
import dev.ailib.it.Fixtures.Family;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Push streams run side by side: a long stream never waits for a pool slot behind other long streams. */
class ConcurrentPushStreamsTest {
  private static final int STREAMS = 40;
  private static final Duration WAIT = Duration.ofSeconds(20);
  private FakeProvider fake;

  @BeforeEach
  void start() {
    fake = FakeProvider.builder().maxConnections(STREAMS + 8).start();
  }

  @AfterEach
  void stop() {
    fake.releaseStalls();
    fake.close();
  }

  @Test
  void fortyStalledPushStreamsAreAllOpenAtOnceAndAllFinish() throws Exception {
    for (int i = 0; i < STREAMS; i++) {
      fake.enqueue(Reply.streamedText("a ", "b ", "c").stallAfterEvents(2));
    }
    TextsByStream texts = new TextsByStream();
    List<StreamSubscription> subs = new ArrayList<>();
    try (AiClient client = Fixtures.client(fake, Family.OPENAI)) {
      for (int i = 0; i < STREAMS; i++) {
        int n = i;
        subs.add(client.chat().user("stream " + n).stream(event -> {
          if (event instanceof StreamingEvent.ContentDelta d) {
            texts.merge(n, d.text(), String::concat);
          }
        }));
      }
      // every stream is open and stalled at the server at the same time: none is queued behind another
      fake.awaitStalled(STREAMS, WAIT);
      assertThat(fake.stalledStreams()).isEqualTo(STREAMS);
      fake.releaseStalls();
      for (StreamSubscription s : subs) {
        CallStats stats = s.completion().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(stats.attempts()).isEqualTo(1);
      }
    }
    assertThat(texts).hasSize(STREAMS);
    assertThat(texts.values()).allMatch("a b c"::equals);
  }

  /** Stream number to the text it received. */
  private static final class TextsByStream extends ConcurrentHashMap<Integer, String> {
    private static final long serialVersionUID = 1L;
  }
}
