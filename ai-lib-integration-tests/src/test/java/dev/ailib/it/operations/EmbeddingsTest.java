package dev.ailib.it.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.AiClient;
import dev.ailib.api.CancelToken;
import dev.ailib.api.Embedding;
import dev.ailib.api.EmbeddingInputType;
import dev.ailib.api.EmbeddingRequest;
import dev.ailib.api.EmbeddingResponse;
import dev.ailib.api.Timeouts;
import dev.ailib.api.Usage;
import dev.ailib.api.error.CancelledException;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.RemoteException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.api.error.TransportException;
import dev.ailib.core.spi.Interceptor;
import dev.ailib.it.operations.OperationFixtures.Recorder;
import dev.ailib.it.operations.OperationFixtures.Style;
import dev.ailib.it.operations.OperationFixtures.Waits;
import dev.ailib.testkit.fake.FakeEmbeddings;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.OperationFormat;
import dev.ailib.testkit.fake.RecordedRequest;
import dev.ailib.testkit.fake.Reply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code client.embeddings()} through the public API against the FakeProvider, per wire style (OpenAI and the
 * compatible Mistral, Qwen and Jina; Gemini; Cohere v2), on the bundled manifests and the package's fixtures (two
 * small-batch providers for the fallback).
 */
class EmbeddingsTest {
  private final FakeProvider fake = FakeProvider.builder().defaultReply(Reply.computed()).start();
  private final Waits waits = new Waits();

  @AfterEach
  void close() {
    fake.close();
  }

  private AiClient client(Style style) {
    return OperationFixtures.builder(fake, style, 0, waits).build();
  }

  private static List<String> texts(int n) {
    return IntStream.range(0, n).mapToObj(i -> "text number " + i + " about " + (i % 7 == 0 ? "cats" : "dogs"))
        .toList();
  }

  @ParameterizedTest
  @EnumSource(Style.class)
  void oneInput(Style style) {
    try (AiClient client = client(style)) {
      EmbeddingResponse r = client.embeddings().input("Hello world").inputType(EmbeddingInputType.DOCUMENT)
          .execute();
      assertThat(r.size()).isEqualTo(1);
      assertThat(r.embeddings().get(0).index()).isZero();
      assertThat(r.vector(0)).containsExactly(FakeEmbeddings.vector("Hello world", FakeEmbeddings.DEFAULT_DIMENSIONS));
      assertThat(r.dimensions()).isEqualTo(FakeEmbeddings.DEFAULT_DIMENSIONS);
      String wireModel = style.model.substring(style.model.indexOf('/') + 1);
      assertThat(r.model()).isEqualTo(wireModel);
      assertThat(r.stats().model()).isEqualTo(wireModel);
      assertThat(r.stats().attempts()).isEqualTo(1);
    }
    RecordedRequest req = fake.takeRequest();
    assertThat(req.header("authorization") != null || req.header("x-goog-api-key") != null).isTrue();
    if (style == Style.GEMINI) {
      assertThat(req.path()).isEqualTo("/v1beta/models/gemini-embedding-001:embedContent");
      assertThat(req.jsonAt("content.parts[0].text")).isEqualTo("Hello world");
    } else {
      assertThat(style.inputsOf(req)).asList().containsExactly("Hello world");
      assertThat(req.jsonAt("model")).isEqualTo(style.model.substring(style.model.indexOf('/') + 1));
    }
  }

  @ParameterizedTest
  @EnumSource(Style.class)
  void aThousandInputsGoInBatchesOfTheProvidersLimitAndComeBackInOrder(Style style) {
    List<String> inputs = texts(1000);
    EmbeddingResponse r;
    try (AiClient client = client(style)) {
      r = client.embeddings().inputs(inputs).inputType(EmbeddingInputType.DOCUMENT).execute();
    }
    assertThat(r.size()).isEqualTo(1000);
    for (int i = 0; i < 1000; i++) {
      Embedding e = r.embeddings().get(i);
      assertThat(e.index()).isEqualTo(i);
      assertThat(e.vector()).as("vector %d", i).containsExactly(FakeEmbeddings.vector(inputs.get(i),
          FakeEmbeddings.DEFAULT_DIMENSIONS));
    }
    List<RecordedRequest> requests = fake.requests();
    int batches = (1000 + style.batchLimit - 1) / style.batchLimit;
    assertThat(requests).hasSize(batches);
    List<Object> sent = new ArrayList<>();
    for (RecordedRequest req : requests) {
      assertThat(OperationFormat.forPath(req.path())).contains(batches == 1 && style == Style.GEMINI
          ? OperationFormat.GEMINI_BATCH_EMBED_CONTENTS : style.batchFormat);
      List<?> batch = style.inputsOf(req);
      assertThat(batch.size()).isLessThanOrEqualTo(style.batchLimit);
      if (style == Style.GEMINI) {
        batch.forEach(b -> sent.add(((java.util.Map<?, ?>) ((List<?>) ((java.util.Map<?, ?>) ((java.util.Map<?, ?>) b)
            .get("content")).get("parts")).get(0)).get("text")));
      } else {
        sent.addAll(batch);
      }
    }
    assertThat(sent).as("every input sent once, in order").containsExactlyElementsOf(inputs);
    assertThat(r.stats().attempts()).isEqualTo(batches);
  }

  @ParameterizedTest
  @EnumSource(Style.class)
  void dimensionsGoUnderTheProvidersName(Style style) {
    try (AiClient client = client(style)) {
      EmbeddingResponse r = client.embeddings().inputs(List.of("a b", "c d")).dimensions(16)
          .inputType(EmbeddingInputType.DOCUMENT).execute();
      assertThat(r.dimensions()).isEqualTo(16);
      assertThat(r.vector(1)).containsExactly(FakeEmbeddings.vector("c d", 16));
    }
    RecordedRequest req = fake.takeRequest();
    assertThat(req.jsonAt(style.dimensionsPath())).isEqualTo(16L);
    for (String other : List.of("dimensions", "output_dimension", "outputDimensionality")) {
      if (!other.equals(style.dimensionsField)) {
        assertThat(req.jsonAt(other)).as(other).isNull();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Style.class)
  void usageIsReadAndSummedOverBatches(Style style) {
    List<String> inputs = texts(style.batchLimit + 1); // two batches
    int words = inputs.stream().mapToInt(FakeEmbeddings::tokens).sum();
    EmbeddingResponse r;
    try (AiClient client = client(style)) {
      r = client.embeddings().inputs(inputs).inputType(EmbeddingInputType.DOCUMENT).execute();
    }
    assertThat(fake.requestCount()).isEqualTo(2);
    if (style == Style.GEMINI) {
      assertThat(r.usage()).as("the Gemini API reports no usage for embeddings").isEqualTo(Usage.EMPTY);
    } else {
      assertThat(r.usage().promptTokens()).isEqualTo(words);
      assertThat(r.usage().totalTokens()).isEqualTo(words);
      assertThat(r.usage().completionTokens()).isZero();
      assertThat(r.stats().promptTokens()).isEqualTo(words);
    }
  }

  @ParameterizedTest
  @EnumSource(Style.class)
  void a429IsRetriedAfterItsRetryAfter(Style style) {
    fake.enqueue(Reply.error(429).retryAfterSeconds(2));
    Recorder telemetry = new Recorder();
    try (AiClient client = OperationFixtures.builder(fake, style, 2, waits).telemetry(telemetry).build()) {
      EmbeddingResponse r = client.embeddings().input("retry me").inputType(EmbeddingInputType.QUERY).execute();
      assertThat(r.vector(0)).containsExactly(FakeEmbeddings.vector("retry me", FakeEmbeddings.DEFAULT_DIMENSIONS));
      assertThat(r.stats().attempts()).isEqualTo(2);
    }
    assertThat(fake.requestCount()).isEqualTo(2);
    assertThat(waits.snapshot()).containsExactly(Duration.ofSeconds(2));
    assertThat(telemetry.snapshot()).containsExactly("start embeddings " + style.model,
        "attempt 1 " + style.model, "retry 2 after PT2S", "attempt 2 " + style.model, "end embeddings");
  }

  @ParameterizedTest
  @EnumSource(Style.class)
  void asynchronously(Style style) throws Exception {
    try (AiClient client = client(style)) {
      EmbeddingResponse r = client.embeddings().inputs(List.of("x", "y")).inputType(EmbeddingInputType.DOCUMENT)
          .executeAsync().get(10, TimeUnit.SECONDS);
      assertThat(r.vectors()).hasSize(2);
      assertThat(r.vector(0)).containsExactly(FakeEmbeddings.vector("x", FakeEmbeddings.DEFAULT_DIMENSIONS));
    }
  }

  @Test
  void inputTypesAreSentAsEachProviderNamesThem() {
    try (AiClient c = client(Style.COHERE)) {
      c.embeddings().input("q").inputType(EmbeddingInputType.QUERY).execute();
    }
    assertThat(fake.takeRequest().jsonAt("input_type")).isEqualTo("search_query");
    try (AiClient c = client(Style.GEMINI)) {
      c.embeddings().inputs(List.of("a", "b")).inputType(EmbeddingInputType.SIMILARITY).execute();
    }
    RecordedRequest gemini = fake.takeRequest();
    assertThat(gemini.jsonAt("requests[0].taskType")).isEqualTo("SEMANTIC_SIMILARITY");
    assertThat(gemini.jsonAt("requests[1].taskType")).isEqualTo("SEMANTIC_SIMILARITY");
    assertThat(gemini.jsonAt("requests[0].model")).isEqualTo("models/gemini-embedding-001");
    try (AiClient c = client(Style.JINA)) {
      c.embeddings().input("doc").inputType(EmbeddingInputType.DOCUMENT).execute();
    }
    assertThat(fake.takeRequest().jsonAt("task")).isEqualTo("retrieval.passage");
    try (AiClient c = client(Style.OPENAI)) { // one embedding for every use: nothing to send
      c.embeddings().input("doc").inputType(EmbeddingInputType.QUERY).execute();
    }
    RecordedRequest openai = fake.takeRequest();
    assertThat(openai.json().orElseThrow()).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsOnlyKeys("model", "input");
  }

  @Test
  void aMissingOrUnknownInputTypeIsRefusedBeforeSending() {
    try (AiClient c = client(Style.COHERE)) {
      assertThatThrownBy(() -> c.embeddings().input("q").execute())
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("provider 'cohere' needs an input type").hasMessageContaining("inputType(");
      assertThatThrownBy(() -> c.embeddings().input("q").inputType(EmbeddingInputType.SIMILARITY).execute())
          .isInstanceOf(ProtocolException.class)
          .hasMessageContaining("no embeddings input type for SIMILARITY")
          .hasMessageContaining("[classification, clustering, document, query]");
    }
    assertThat(fake.requestCount()).isZero();
  }

  @Test
  void undeclaredOperationsAreRefusedBeforeAnyRequest() {
    try (AiClient anthropic = OperationFixtures.builder(fake, "anthropic/claude-sonnet-4-5", "/v1", 0, waits).build()) {
      assertThatThrownBy(() -> anthropic.embeddings().input("x").execute())
          .isInstanceOfSatisfying(ProtocolException.class, e -> {
            assertThat(e.errorType()).isEqualTo(StandardErrorCode.REQUEST_TOO_LARGE);
            assertThat(e.errorType().code()).isEqualTo("E1005");
          })
          .hasMessageContaining("provider 'anthropic' does not declare operation 'embeddings'")
          .hasMessageContaining("it declares chat")
          .hasMessageContaining("the request was not sent");
    }
    try (AiClient gpt = OperationFixtures.builder(fake, "openai/gpt-4o", "/v1", 0, waits).build()) {
      assertThatThrownBy(() -> gpt.embeddings().input("x").execute())
          .isInstanceOfSatisfying(ProtocolException.class,
              e -> assertThat(e.errorType().code()).isEqualTo("E1005"))
          .hasMessageContaining("model 'gpt-4o' of provider 'openai' is not an embeddings model")
          .hasMessageContaining("text-embedding-3-small");
    }
    try (AiClient embed = client(Style.OPENAI)) {
      assertThatThrownBy(() -> embed.chat().user("hi").execute())
          .isInstanceOfSatisfying(ProtocolException.class,
              e -> assertThat(e.errorType().code()).isEqualTo("E1005"))
          .hasMessageContaining("model 'text-embedding-3-small' of provider 'openai' serves embeddings, not chat");
      assertThatThrownBy(() -> embed.chat().user("hi").stream())
          .isInstanceOfSatisfying(ProtocolException.class,
              e -> assertThat(e.errorType().code()).isEqualTo("E1005"));
    }
    assertThat(fake.requestCount()).isZero();
  }

  @Test
  void aFallbackServesTheFirstBatchAndThenEveryOtherOneSoVectorsNeverMixModels() {
    fake.enqueue(Reply.error(503)); // the primary's first batch fails: the call falls back
    EmbeddingResponse r;
    try (AiClient client = OperationFixtures.builder(fake, "smallbatch/small-embed", "/small", 0, waits)
        .fallbackModels(List.of("otherbatch/other-embed")).build()) {
      r = client.embeddings().inputs(texts(5)).execute();
    }
    List<RecordedRequest> requests = fake.requests();
    // batches of 2 (the smaller limit of the chain): 1 failed on the primary, then 3 on the fallback
    assertThat(requests).extracting(RecordedRequest::path).containsExactly("/small/embeddings",
        "/other/embeddings", "/other/embeddings", "/other/embeddings");
    assertThat(requests).extracting(q -> q.jsonAt("model")).containsExactly("small-embed", "other-embed",
        "other-embed", "other-embed");
    assertThat(requests.subList(1, 4)).extracting(q -> ((List<?>) q.jsonAt("input")).size())
        .containsExactly(2, 2, 1);
    assertThat(r.model()).isEqualTo("other-embed");
    assertThat(r.stats().provider()).isEqualTo("otherbatch");
    assertThat(r.stats().attempts()).isEqualTo(4);
    assertThat(r.vector(4)).containsExactly(FakeEmbeddings.vector(texts(5).get(4), FakeEmbeddings.DEFAULT_DIMENSIONS));
  }

  @Test
  void aBatchThatFailsAfterEarlierOnesFailsTheCallWithTheProvidersError() {
    fake.enqueue(Reply.computed(), Reply.error(400).errorMessage("input too long"));
    try (AiClient client = OperationFixtures.builder(fake, "smallbatch/small-embed", "/small", 0, waits).build()) {
      assertThatThrownBy(() -> client.embeddings().inputs(texts(3)).execute())
          .isInstanceOfSatisfying(RemoteException.class, e -> assertThat(e.statusCode()).isEqualTo(400))
          .hasMessageContaining("input too long");
    }
    assertThat(fake.requestCount()).isEqualTo(2);
  }

  @Test
  void interceptorsSeeEveryBatchAndACancelledCallSendsNoFurtherBatch() {
    List<String> seen = new CopyOnWriteArrayList<>();
    CancelToken cancel = new CancelToken();
    Interceptor interceptor = chain -> {
      seen.add(chain.request().redactedUri());
      var response = chain.proceed(chain.request());
      if (seen.size() == 2) {
        cancel.cancel(); // after the second batch: the third is never sent
      }
      return response;
    };
    try (AiClient client = OperationFixtures.builder(fake, "smallbatch/small-embed", "/small", 0, waits)
        .interceptor(interceptor).build()) {
      assertThatThrownBy(() -> client.embeddings().inputs(texts(6)).execute(cancel))
          .isInstanceOf(CancelledException.class);
    }
    assertThat(seen).hasSize(2).allSatisfy(uri -> assertThat(uri).endsWith("/small/embeddings"));
    assertThat(fake.requestCount()).isEqualTo(2);
  }

  @Test
  void theCallsOneDeadlineCoversEveryBatch() {
    // batch 1 answers, batch 2 stalls after its headers: the call's deadline (not a per-request one) ends it
    fake.enqueue(Reply.computed(), Reply.computed().stallAfterEvents(0));
    Timeouts timeouts = new Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30),
        Duration.ofSeconds(3));
    try (AiClient client = OperationFixtures.builder(fake, "smallbatch/small-embed", "/small", 2, waits)
        .timeouts(timeouts).build()) {
      assertThatThrownBy(() -> client.embeddings().inputs(texts(6)).execute())
          .isInstanceOfSatisfying(TransportException.class,
              e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.CALL_TIMEOUT));
    }
    assertThat(fake.requestCount()).as("no retry and no third batch after the deadline").isEqualTo(2);
    assertThat(fake.awaitClientDisconnect(Duration.ofSeconds(10))).isNotNull();
  }

  @Test
  void createBuildsAClientOfAnEmbeddingModelFromItsNameAlone() throws Exception {
    // AiClient.create reads the key from the process environment: a child JVM gets one; nothing sends a request
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), CreateChild.class.getName()).redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("AI_LIB_") || k.endsWith("_API_KEY"));
    pb.environment().put("OPENAI_API_KEY", "sk-create-test");
    Process child = pb.start();
    String output;
    try (var out = child.getInputStream()) {
      output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child ended").isTrue();
    assertThat(child.exitValue()).as(output).isZero();
    assertThat(output.lines().filter(l -> l.startsWith("> ")).toList()).as(output).containsExactly(
        "> model openai/text-embedding-3-small",
        "> chat E1005 model 'text-embedding-3-small' of provider 'openai' serves embeddings, not chat",
        "> rerank E1005 provider 'openai' does not declare operation 'rerank'",
        "> embeddings built");
  }

  /** Runs in the child JVM of {@link #createBuildsAClientOfAnEmbeddingModelFromItsNameAlone()}. */
  static final class CreateChild {
    private CreateChild() {
    }

    public static void main(String[] args) {
      try (AiClient client = AiClient.create("openai/text-embedding-3-small")) {
        System.out.println("> model " + client.model());
        print("chat", () -> client.chat().user("hi").execute());
        print("rerank", () -> client.rerank().query("q").documents(List.of("d")).execute());
        client.embeddings().input("x").dimensions(8); // a request that is built, not sent
        System.out.println("> embeddings built");
      }
    }

    private static void print(String what, Runnable call) {
      try {
        call.run();
        System.out.println("> " + what + " was not refused");
      } catch (ProtocolException e) {
        String m = e.getMessage();
        int cut = m.indexOf(" (manifest");
        System.out.println("> " + what + " " + e.errorType().code() + " " + (cut < 0 ? m : m.substring(0, cut)));
      }
    }
  }

  @Test
  void badRequestsFailInTheBuilder() {
    try (AiClient client = client(Style.OPENAI)) {
      assertThatThrownBy(() -> client.embeddings().execute()).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("at least one input");
      assertThatThrownBy(() -> client.embeddings().input("").execute()).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("input 0");
      assertThatThrownBy(() -> client.embeddings().dimensions(0)).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(fake.requestCount()).isZero();
    assertThat(new EmbeddingRequest(List.of("secret text"), null, null, null).toString())
        .doesNotContain("secret text");
  }
}
