package dev.ailib.api;

import java.util.Objects;

/**
 * How many input tokens a request is, counted before it is sent ({@link AiClient#countTokens(ChatRequest)}), and how
 * it was counted.
 *
 * @param inputTokens the input tokens of the request (messages, system prompt, tools)
 * @param method how they were counted
 * @param detail what counted them: the provider's endpoint, the tokenizer's encoding ({@code o200k_base}, ...), or
 *     the estimate's rule, with what could not be counted (images, documents)
 * @param contextWindow the model's context window from its manifest, or null when the manifest does not say
 * @param model the model counted for, without provider prefix
 */
public record TokenCount(long inputTokens, Method method, String detail, Long contextWindow, String model) {

  /** How a count was made. */
  public enum Method {
    /** By the provider's own token-counting endpoint (declared in the manifest): exact. */
    PROVIDER,
    /**
     * By the model's tokenizer run locally, with the per-message and tool overhead the provider documents: exact for
     * text, as the provider counts it for the model's chat format.
     */
    TOKENIZER,
    /**
     * Estimated: the model's tokenizer is not known here; text counted with {@code o200k_base}, which is close for
     * most current models but not theirs (see {@link TokenCount#detail()}).
     */
    ESTIMATE
  }

  /** Checks the values. */
  public TokenCount {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(model, "model");
    if (inputTokens < 0) {
      throw new IllegalArgumentException("inputTokens must not be negative, was " + inputTokens);
    }
  }

  /** Whether the request fits the model's context window (true when the window is not known). */
  public boolean fitsContextWindow() {
    return contextWindow == null || inputTokens <= contextWindow;
  }
}
