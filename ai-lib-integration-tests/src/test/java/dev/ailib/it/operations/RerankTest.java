package dev.ailib.it.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.AiClient;
import dev.ailib.api.RerankResponse;
import dev.ailib.api.RerankResult;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.it.operations.OperationFixtures.Recorder;
import dev.ailib.it.operations.OperationFixtures.Waits;
import dev.ailib.testkit.fake.FakeEmbeddings;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.RecordedRequest;
import dev.ailib.testkit.fake.Reply;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code client.rerank()} through the public API against the FakeProvider, for each manifest that declares rerank:
 * the bundled jina ({@code /v1/rerank}) and cohere ({@code /v2/rerank}) manifests and a Cohere v2 fixture.
 */
class RerankTest {
  private static final List<String> DOCS = List.of("Paris is the capital of France", "Berlin is in Germany",
      "The capital of Italy is Rome", "France exports wine", "Madrid");

  private final FakeProvider fake = FakeProvider.builder().defaultReply(Reply.computed()).start();
  private final Waits waits = new Waits();

  @AfterEach
  void close() {
    fake.close();
  }

  /** A rerank-declaring manifest and its model. */
  enum Provider {
    JINA("jina/jina-reranker-v2-base-multilingual", "", "/v1/rerank"),
    COHERE("cohere/rerank-v3.5", "/v2", "/v2/rerank"),
    /** The test's own fixture: the same endpoint declared with the short AI-Protocol form and a top_n bound. */
    COHERE_FIXTURE("cohere2/rerank-v3.5", "/v2", "/v2/rerank");

    final String model;
    final String prefix;
    final String path;

    Provider(String model, String prefix, String path) {
      this.model = model;
      this.prefix = prefix;
      this.path = path;
    }

    String wireModel() {
      return model.substring(model.indexOf('/') + 1);
    }
  }

  private AiClient client(Provider p, int retries) {
    return OperationFixtures.builder(fake, p.model, p.prefix, retries, waits).build();
  }

  @ParameterizedTest
  @EnumSource(Provider.class)
  void documentsComeBackRankedByRelevanceWithTheirTexts(Provider p) {
    String query = "capital of France";
    RerankResponse r;
    try (AiClient client = client(p, 0)) {
      r = client.rerank().query(query).documents(DOCS).topN(3).execute();
    }
    assertThat(r.results()).hasSize(3);
    assertThat(r.results()).extracting(RerankResult::index).containsExactly(0, 2, 3);
    for (RerankResult hit : r.results()) {
      assertThat(hit.relevanceScore()).isEqualTo(FakeEmbeddings.relevance(query, DOCS.get(hit.index())));
      assertThat(hit.document()).isEqualTo(DOCS.get(hit.index()));
    }
    assertThat(r.model()).isEqualTo(p.wireModel());
    assertThat(r.stats().attempts()).isEqualTo(1);
    RecordedRequest req = fake.takeRequest();
    assertThat(req.path()).isEqualTo(p.path);
    assertThat(req.jsonAt("model")).isEqualTo(p.wireModel());
    assertThat(req.jsonAt("query")).isEqualTo(query);
    assertThat(req.jsonAt("documents")).isEqualTo(DOCS);
    assertThat(req.jsonAt("top_n")).isEqualTo(3L);
    assertThat(req.header("authorization")).isEqualTo("Bearer " + OperationFixtures.KEY);
  }

  @ParameterizedTest
  @EnumSource(Provider.class)
  void withoutTopNEveryDocumentIsRankedAndUsageIsRead(Provider p) {
    RerankResponse r;
    try (AiClient client = client(p, 0)) {
      r = client.rerank().query("wine").documents(DOCS).execute();
    }
    assertThat(r.results()).hasSize(DOCS.size());
    assertThat(r.results().get(0).index()).isEqualTo(3);
    assertThat(fake.takeRequest().jsonAt("top_n")).isNull();
    int tokens = FakeEmbeddings.tokens("wine") + DOCS.stream().mapToInt(FakeEmbeddings::tokens).sum();
    assertThat(r.usage().totalTokens()).as("Jina's usage.total_tokens").isEqualTo(tokens);
    assertThat(r.searchUnits()).as("Cohere's meta.billed_units.search_units").isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Provider.class)
  void documentsTheProviderReturnsAreRead(Provider p) {
    try (AiClient client = client(p, 0)) {
      RerankResponse r = client.rerank().query("Rome").documents(DOCS).topN(1).param("return_documents", true)
          .execute();
      assertThat(r.results()).singleElement().satisfies(hit -> {
        assertThat(hit.index()).isEqualTo(2);
        assertThat(hit.document()).isEqualTo(DOCS.get(2));
      });
    }
    assertThat(fake.takeRequest().jsonAt("return_documents")).isEqualTo(true);
  }

  @ParameterizedTest
  @EnumSource(Provider.class)
  void a429IsRetriedAfterItsRetryAfterAndAsyncWorks(Provider p) throws Exception {
    fake.enqueue(Reply.error(429).retryAfterSeconds(1));
    Recorder telemetry = new Recorder();
    try (AiClient client = OperationFixtures.builder(fake, p.model, p.prefix, 2, waits).telemetry(telemetry)
        .build()) {
      RerankResponse r = client.rerank().query("Berlin").documents(DOCS).topN(1).executeAsync()
          .get(10, TimeUnit.SECONDS);
      assertThat(r.results().get(0).index()).isEqualTo(1);
      assertThat(r.stats().attempts()).isEqualTo(2);
    }
    assertThat(waits.snapshot()).containsExactly(Duration.ofSeconds(1));
    assertThat(telemetry.snapshot()).containsExactly("start rerank " + p.model, "attempt 1 " + p.model,
        "retry 2 after PT1S", "attempt 2 " + p.model, "end rerank");
    assertThat(telemetry.calls.get(0).input()).isInstanceOf(dev.ailib.api.RerankRequest.class);
    assertThat(telemetry.calls.get(0).request()).isNull();
  }

  @Test
  void topNIsCheckedAgainstTheManifestBeforeSending() {
    try (AiClient client = client(Provider.COHERE_FIXTURE, 0)) {
      assertThatThrownBy(() -> client.rerank().query("q").documents(DOCS).topN(51).execute())
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("parameter 'top_n'").hasMessageContaining("out of range").hasMessageContaining("50");
    }
    assertThat(fake.requestCount()).isZero();
  }

  @Test
  void rerankAndChatAreRefusedWhereTheManifestDoesNotDeclareThem() {
    try (AiClient openai = OperationFixtures.builder(fake, "openai/gpt-4o", "/v1", 0, waits).build()) {
      assertThatThrownBy(() -> openai.rerank().query("q").documents(DOCS).execute())
          .isInstanceOfSatisfying(ProtocolException.class,
              e -> assertThat(e.errorType()).isEqualTo(StandardErrorCode.REQUEST_TOO_LARGE))
          .hasMessageContaining("provider 'openai' does not declare operation 'rerank'")
          .hasMessageContaining("it declares chat, embeddings");
    }
    try (AiClient jina = client(Provider.JINA, 0)) {
      assertThatThrownBy(() -> jina.chat().user("hi").execute())
          .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.errorType().code()).isEqualTo("E1005"))
          .hasMessageContaining("model 'jina-reranker-v2-base-multilingual' of provider 'jina' serves rerank, "
              + "not chat");
      assertThatThrownBy(() -> jina.embeddings().input("x").execute())
          .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.errorType().code()).isEqualTo("E1005"))
          .hasMessageContaining("does not serve embeddings");
    }
    assertThat(fake.requestCount()).isZero();
  }

  @Test
  void aModelThatServesNothingThisRuntimeRunsFailsTheBuildWithEveryReason() {
    // the fixture lists a chat model, but declares no chat endpoint; its embeddings and rerank models are others
    assertThatThrownBy(() -> OperationFixtures.builder(fake, "cohere2/command-a-03-2025", "/v2", 0, waits).build())
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("model 'command-a-03-2025' of provider 'cohere2' serves no operation this runtime runs")
        .hasMessageContaining("declares no chat endpoint")
        .hasMessageContaining("its embeddings models: embed-v4.0")
        .hasMessageContaining("its rerank models: rerank-v3.5");
    assertThat(fake.requestCount()).isZero();
  }
}
