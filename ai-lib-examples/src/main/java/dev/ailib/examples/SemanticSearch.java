package dev.ailib.examples;

import dev.ailib.api.AiClient;
import dev.ailib.api.AiClientBuilder;
import dev.ailib.api.EmbeddingInputType;
import dev.ailib.api.EmbeddingResponse;
import dev.ailib.api.RerankResponse;
import dev.ailib.api.RerankResult;
import dev.ailib.api.Vectors;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.Reply;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Retrieval in two steps: embed the documents and the query, keep the documents nearest to the query by cosine
 * similarity, then rerank those with a rerank model. Uses OpenAI's {@code text-embedding-3-small} when
 * {@code OPENAI_API_KEY} is set and Cohere's {@code rerank-v3.5} when {@code COHERE_API_KEY} is set; each step uses
 * the embedded FakeProvider (deterministic vectors and scores) otherwise.
 *
 * <pre>
 * mvn -B -q -pl ai-lib-examples -am -Dmaven.test.skip=true package exec:java \
 *     -Dexec.mainClass=dev.ailib.examples.SemanticSearch
 * </pre>
 */
public final class SemanticSearch {
  private static final List<String> DOCUMENTS = List.of(
      "The Eiffel Tower is in Paris, the capital of France.",
      "Berlin is the capital and largest city of Germany.",
      "Paris hosts the Louvre, the most visited museum in the world.",
      "Mount Fuji is the highest mountain in Japan.",
      "The Seine flows through Paris before reaching the English Channel.",
      "Rome was the capital of the Roman Empire.");

  private SemanticSearch() {
  }

  /**
   * Runs the example.
   *
   * @param args an optional query
   */
  public static void main(String[] args) {
    String query = args.length > 0 ? String.join(" ", args) : "What is there to see in Paris?";
    try (FakeProvider fake = FakeProvider.builder().defaultReply(Reply.computed()).start();
        AiClient embedder = client("OPENAI_API_KEY", "openai/text-embedding-3-small", fake, "/v1");
        AiClient reranker = client("COHERE_API_KEY", "cohere/rerank-v3.5", fake, "/v2")) {
      System.out.println("query: " + query);
      if (isBlank(System.getenv("OPENAI_API_KEY"))) {
        System.out.println("(embedded FakeProvider: its vectors are deterministic but mean nothing, so the cosine "
            + "order is arbitrary; its rerank scores count shared words)");
      }

      // 1. vectors: documents and query embedded for their use (providers that tell them apart do)
      EmbeddingResponse docs = embedder.embeddings().inputs(DOCUMENTS).inputType(EmbeddingInputType.DOCUMENT)
          .execute();
      float[] q = embedder.embeddings().input(query).inputType(EmbeddingInputType.QUERY).execute().vector(0);
      System.out.println("embedded " + docs.size() + " documents with " + docs.model() + " (" + docs.dimensions()
          + " dimensions, " + docs.usage().promptTokens() + " tokens, " + docs.stats().latencyMs() + " ms)");

      // 2. nearest by cosine similarity
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < DOCUMENTS.size(); i++) {
        order.add(i);
      }
      order.sort(Comparator.comparingDouble((Integer i) -> -Vectors.cosine(q, docs.vector(i))));
      List<String> candidates = new ArrayList<>();
      System.out.println("nearest by cosine:");
      for (int i : order.subList(0, 4)) {
        System.out.printf("  %.3f  %s%n", Vectors.cosine(q, docs.vector(i)), DOCUMENTS.get(i));
        candidates.add(DOCUMENTS.get(i));
      }

      // 3. rerank the candidates
      RerankResponse ranked = reranker.rerank().query(query).documents(candidates).topN(3).execute();
      System.out.println("reranked by " + ranked.model() + ":");
      for (RerankResult hit : ranked.results()) {
        System.out.printf("  %.3f  %s%n", hit.relevanceScore(), hit.document());
      }
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  /** The real provider when its key is set, else the fake one. */
  private static AiClient client(String keyVariable, String model, FakeProvider fake, String prefix) {
    AiClientBuilder b = AiClient.builder().model(model);
    if (isBlank(System.getenv(keyVariable))) {
      b.baseUrl(fake.baseUrl() + prefix).apiKey("fake-key-for-examples");
    }
    return b.build();
  }
}
