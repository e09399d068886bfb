package dev.ailib.testkit.fake;

import java.util.Optional;

/**
 * The formats of operations besides chat a {@link FakeProvider} speaks, chosen by the request path (any prefix, such
 * as {@code /v1} or {@code /v2}, is accepted). Every successful answer is computed from the request with
 * {@link FakeEmbeddings}: deterministic vectors and relevance scores.
 */
public enum OperationFormat {
  /** OpenAI embeddings, {@code POST {prefix}/embeddings}: also Mistral, Qwen's compatible mode, Jina. */
  OPENAI_EMBEDDINGS,
  /** Gemini {@code POST {prefix}/models/{model}:embedContent} (one input). */
  GEMINI_EMBED_CONTENT,
  /** Gemini {@code POST {prefix}/models/{model}:batchEmbedContents}. */
  GEMINI_BATCH_EMBED_CONTENTS,
  /** Cohere v2 embed, {@code POST {prefix}/embed}. */
  COHERE_EMBED,
  /**
   * Rerank, {@code POST {prefix}/rerank}, in the format Cohere's v2 API and Jina share. The answer carries what either
   * sends: {@code results[]} with {@code index} and {@code relevance_score} (plus {@code document.text} when the
   * request sets {@code return_documents: true}, as Jina does), Jina's {@code model} and {@code usage.total_tokens},
   * Cohere's {@code id} and {@code meta.billed_units.search_units}.
   */
  RERANK;

  /** The format that serves this request path, if any. */
  public static Optional<OperationFormat> forPath(String path) {
    if (path.endsWith("/embeddings")) {
      return Optional.of(OPENAI_EMBEDDINGS);
    }
    if (path.endsWith("/embed")) {
      return Optional.of(COHERE_EMBED);
    }
    if (path.endsWith("/rerank")) {
      return Optional.of(RERANK);
    }
    if (path.lastIndexOf("/models/") >= 0 && path.endsWith(":embedContent")) {
      return Optional.of(GEMINI_EMBED_CONTENT);
    }
    if (path.lastIndexOf("/models/") >= 0 && path.endsWith(":batchEmbedContents")) {
      return Optional.of(GEMINI_BATCH_EMBED_CONTENTS);
    }
    return Optional.empty();
  }

  /** Whether the format is Gemini's (key in {@code x-goog-api-key} or {@code ?key=}). */
  boolean gemini() {
    return this == GEMINI_EMBED_CONTENT || this == GEMINI_BATCH_EMBED_CONTENTS;
  }
}
