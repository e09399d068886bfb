package dev.ailib.api;

import java.util.Locale;

/**
 * What an embedded text is for, for providers whose models embed a text differently by its use (Cohere's
 * {@code input_type}, Gemini's {@code taskType}, Jina's {@code task}). The provider's manifest maps each type to the
 * provider's own value; a provider with one embedding for every use (OpenAI) takes no type and embeds the same way
 * whatever is set. A type the manifest does not map is refused before the request is sent.
 */
public enum EmbeddingInputType {
  /** A search query, to be compared with {@link #DOCUMENT}s. */
  QUERY,
  /** A document to be stored and searched with {@link #QUERY} embeddings. */
  DOCUMENT,
  /** Texts compared with each other (semantic similarity). */
  SIMILARITY,
  /** Input to a classifier. */
  CLASSIFICATION,
  /** Texts to be clustered. */
  CLUSTERING;

  /** The name a manifest maps: the constant's name in lower case, such as {@code query}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
