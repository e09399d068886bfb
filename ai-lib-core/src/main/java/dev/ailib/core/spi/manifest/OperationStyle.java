package dev.ailib.core.spi.manifest;

/**
 * The wire format of an operation other than chat ({@link OperationSpec#style()}), declared per endpoint by the
 * manifest (the AI-Protocol's {@code endpoints.<operation>.adapter}) or derived from its chat wire style. Codecs are
 * chosen by this, never by provider name.
 */
public enum OperationStyle {
  /** OpenAI's {@code POST /embeddings} ({@code input}, {@code dimensions}, {@code data[].embedding}) and every API
   * that copies it (Mistral, Qwen compatible mode, Jina, ...). */
  OPENAI_EMBEDDINGS,
  /** Gemini's {@code models/{model}:embedContent} for one input and {@code :batchEmbedContents} for more. */
  GEMINI_EMBED_CONTENT,
  /** Cohere's v2 {@code POST /embed} ({@code texts}, {@code input_type}, {@code embeddings.float}). */
  COHERE_EMBED,
  /** Cohere's v2 {@code POST /rerank} and the APIs that copy it (Jina's {@code /v1/rerank}, ...): {@code query},
   * {@code documents}, {@code top_n}, {@code results[].index} / {@code relevance_score}. */
  COHERE_RERANK,
  /** A format this runtime has no codec for: the manifest loads, calls of the operation are refused. */
  UNSUPPORTED
}
