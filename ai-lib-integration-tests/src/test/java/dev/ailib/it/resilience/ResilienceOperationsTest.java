package dev.ailib.it.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.AiClient;
import dev.ailib.api.EmbeddingInputType;
import dev.ailib.api.ResilientConfig;
import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.RemoteException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.testkit.fake.Reply;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Embeddings and rerank calls under the same client policies as chat (rate limiter, circuit breaker, bulkhead),
 * through the public API against the FakeProvider, on bundled manifests. Retries, Retry-After and fallback of
 * these operations are in {@code dev.ailib.it.operations}.
 */
class ResilienceOperationsTest {
  private final Harness h = new Harness();

  @AfterEach
  void close() {
    h.fake.releaseStalls();
    h.close();
  }

  /** An operation besides chat, through a bundled manifest's model. */
  enum Op {
    EMBEDDINGS("openai/text-embedding-3-small", "/v1", "/v1/embeddings"),
    RERANK("jina/jina-reranker-v2-base-multilingual", "", "/v1/rerank");

    final String model;
    final String prefix;
    final String path;

    Op(String model, String prefix, String path) {
      this.model = model;
      this.prefix = prefix;
      this.path = path;
    }

    /** One call; returns how many vectors or ranked documents came back. */
    int call(AiClient client) {
      return switch (this) {
        case EMBEDDINGS -> client.embeddings().inputs(List.of("one", "two")).inputType(EmbeddingInputType.QUERY)
            .execute().size();
        case RERANK -> client.rerank().query("one").documents(List.of("one two", "three")).execute().results()
            .size();
      };
    }
  }

  private AiClient client(Op op, ResilientConfig config) {
    return h.builder(config).model(op.model).baseUrl(h.fake.baseUrl() + op.prefix).build();
  }

  @ParameterizedTest
  @EnumSource(Op.class)
  void theRateLimiterPacesThemLikeChat(Op op) {
    try (AiClient client = client(op, ResilientConfig.builder().rateLimitRps(2).build())) {
      for (int i = 0; i < 3; i++) {
        h.fake.enqueue(Reply.computed());
        assertThat(op.call(client)).isEqualTo(2);
      }
    }
    assertThat(h.time.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500));
    assertThat(h.fake.requests()).extracting(r -> r.path()).containsOnly(op.path).hasSize(3);
  }

  @ParameterizedTest
  @EnumSource(Op.class)
  void theCircuitBreakerOpensAfterServerFaultsAndRefusesWithoutARequest(Op op) {
    h.fake.enqueue(Reply.error(503), Reply.error(500), Reply.computed());
    ResilientConfig breaker = ResilientConfig.builder().maxRetries(0).circuitBreakerThreshold(2)
        .circuitBreakerCooldown(Duration.ofSeconds(20)).build();
    try (AiClient client = client(op, breaker)) {
      assertThatThrownBy(() -> op.call(client)).isInstanceOf(RemoteException.class);
      assertThatThrownBy(() -> op.call(client)).isInstanceOf(RemoteException.class);
      assertThatThrownBy(() -> op.call(client))
          .isInstanceOfSatisfying(AiLibException.class,
              e -> assertThat(e.errorType()).isEqualTo(StandardErrorCode.OVERLOADED))
          .hasMessageContaining("circuit breaker for").hasMessageContaining("is open");
      assertThat(h.fake.requestCount()).as("no request while open").isEqualTo(2);

      h.time.advance(Duration.ofSeconds(20));
      assertThat(op.call(client)).isEqualTo(2);
      assertThat(h.fake.requestCount()).isEqualTo(3);
    }
  }

  @ParameterizedTest
  @EnumSource(Op.class)
  void theBulkheadCountsThemAsCallsInFlight(Op op) throws Exception {
    h.fake.enqueue(Reply.computed().stallAfterEvents(0)); // headers, then the body waits for releaseStalls()
    ResilientConfig config = ResilientConfig.builder().maxInflight(1).maxInflightWait(Duration.ZERO).maxRetries(0)
        .build();
    try (AiClient client = client(op, config)) {
      CompletableFuture<Integer> holder = CompletableFuture.supplyAsync(() -> op.call(client));
      h.fake.awaitStalled(1, Duration.ofSeconds(10));

      assertThatThrownBy(() -> op.call(client))
          .isInstanceOfSatisfying(AiLibException.class,
              e -> assertThat(e.errorType()).isEqualTo(StandardErrorCode.OVERLOADED))
          .hasMessageContaining("too many calls in flight");
      assertThat(h.fake.requestCount()).as("the rejected call sent nothing").isEqualTo(1);

      h.fake.releaseStalls();
      assertThat(holder.get(10, TimeUnit.SECONDS)).isEqualTo(2);
      h.fake.enqueue(Reply.computed());
      assertThat(op.call(client)).isEqualTo(2);
    }
    assertThat(h.fake.requestCount()).isEqualTo(2);
  }
}
