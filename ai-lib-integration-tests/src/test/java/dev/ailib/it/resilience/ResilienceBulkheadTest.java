package dev.ailib.it.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.AiClient;
import dev.ailib.api.CancelToken;
import dev.ailib.api.ResilientConfig;
import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.CancelledException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.testkit.fake.Reply;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Max in-flight (bulkhead) through the public API, on the blocking, async and streaming paths. */
class ResilienceBulkheadTest {
  private final Harness h = new Harness();

  @AfterEach
  void close() {
    h.close();
  }

  @ParameterizedTest
  @EnumSource(Harness.Path3.class)
  void aCallBeyondMaxInflightIsRejectedWithAClearErrorAndServedOnceASlotFrees(Harness.Path3 path)
      throws Exception {
    // the first call holds the only slot: its response stalls after the headers, before the body
    h.fake.enqueue(Reply.text("held").stallAfterEvents(0));
    ResilientConfig config = ResilientConfig.builder().maxInflight(1).maxInflightWait(Duration.ZERO)
        .maxRetries(0).build();
    try (AiClient client = h.client(config)) {
      CompletableFuture<Harness.Result> holder =
          CompletableFuture.supplyAsync(() -> Harness.Path3.SYNC.call(client));
      h.fake.awaitStalled(1, Duration.ofSeconds(10));

      assertThatThrownBy(() -> path.call(client))
          .isInstanceOf(AiLibException.class)
          .hasMessageContaining("too many calls in flight")
          .satisfies(e -> assertThat(((AiLibException) e).errorType()).isEqualTo(StandardErrorCode.OVERLOADED));
      assertThat(h.fake.requestCount()).as("the rejected call sent nothing").isEqualTo(1);

      h.fake.releaseStalls();
      assertThat(holder.get(10, TimeUnit.SECONDS).text()).isEqualTo("held");

      h.fake.enqueue(path == Harness.Path3.STREAM ? Reply.streamedText("next") : Reply.text("next"));
      assertThat(path.call(client).text()).isEqualTo("next");
    }
  }

  @Test
  void aCallCancelledWhileItWaitsForASlotEndsCancelledAndTakesNoSlot() throws Exception {
    h.fake.enqueue(Reply.text("held").stallAfterEvents(0));
    ResilientConfig config = ResilientConfig.builder().maxInflight(1).maxInflightWait(Duration.ofMinutes(5))
        .maxRetries(0).build();
    try (AiClient client = h.client(config)) {
      CompletableFuture<Harness.Result> holder =
          CompletableFuture.supplyAsync(() -> Harness.Path3.SYNC.call(client));
      h.fake.awaitStalled(1, Duration.ofSeconds(10));

      CancelToken cancel = new CancelToken();
      CompletableFuture<Throwable> queued = CompletableFuture.supplyAsync(() -> {
        try {
          client.chat().user("queued").executeWithStats(cancel);
          return null;
        } catch (Throwable t) {
          return t;
        }
      });
      // it waits for the slot (up to five minutes); once its attempt has started, cancel it
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (h.telemetry.snapshot().size() < 2 && System.nanoTime() < until) {
        Thread.sleep(5);
      }
      cancel.cancel();
      assertThat(queued.get(10, TimeUnit.SECONDS)).as("ended by the cancellation, not by the five-minute wait")
          .isInstanceOf(CancelledException.class);
      assertThat(h.fake.requestCount()).as("the cancelled call sent nothing").isEqualTo(1);

      h.fake.releaseStalls();
      assertThat(holder.get(10, TimeUnit.SECONDS).text()).isEqualTo("held");
      h.fake.enqueue(Reply.text("a"), Reply.text("b"));
      assertThat(Harness.Path3.SYNC.call(client).text()).isEqualTo("a");
      assertThat(Harness.Path3.SYNC.call(client).text()).as("the slot came back each time").isEqualTo("b");
    }
  }
}
