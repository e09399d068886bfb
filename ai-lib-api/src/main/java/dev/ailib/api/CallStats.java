package dev.ailib.api;

/**
 * Figures about one call.
 *
 * @param totalTokens all tokens
 * @param promptTokens input tokens
 * @param completionTokens output tokens
 * @param latencyMs from the call's start to its end
 * @param timeToFirstTokenMs from the call's start to the first content or tool event, or -1 when none came
 * @param model the model that served the call, without provider prefix
 * @param provider the provider that served the call
 * @param attempts the number of HTTP attempts, over retries and fallbacks
 * @param structuredOutput how a typed answer was asked for ({@link ChatRequestBuilder#executeAs}), or null for a
 *     call without one
 */
public record CallStats(long totalTokens, long promptTokens, long completionTokens, long latencyMs,
    long timeToFirstTokenMs, String model, String provider, int attempts, StructuredOutputMode structuredOutput) {

  /**
   * Figures of a call without a typed answer.
   *
   * @param totalTokens all tokens
   * @param promptTokens input tokens
   * @param completionTokens output tokens
   * @param latencyMs from the call's start to its end
   * @param timeToFirstTokenMs from the call's start to the first content or tool event, or -1 when none came
   * @param model the model that served the call, without provider prefix
   * @param provider the provider that served the call
   * @param attempts the number of HTTP attempts, over retries and fallbacks
   */
  public CallStats(long totalTokens, long promptTokens, long completionTokens, long latencyMs,
      long timeToFirstTokenMs, String model, String provider, int attempts) {
    this(totalTokens, promptTokens, completionTokens, latencyMs, timeToFirstTokenMs, model, provider, attempts, null);
  }

  /**
   * A copy naming how the typed answer was asked for.
   *
   * @param mode the mode
   * @return the copy
   */
  public CallStats withStructuredOutput(StructuredOutputMode mode) {
    return new CallStats(totalTokens, promptTokens, completionTokens, latencyMs, timeToFirstTokenMs, model, provider,
        attempts, mode);
  }

  /**
   * The figures of this call followed by another one (a repair request, the next round of a tool run): tokens and
   * attempts added up, latency the sum, time to first token this call's, model, provider and mode the later call's.
   *
   * @param next the later call
   * @return the combined figures
   */
  public CallStats plus(CallStats next) {
    return new CallStats(totalTokens + next.totalTokens, promptTokens + next.promptTokens,
        completionTokens + next.completionTokens, latencyMs + next.latencyMs,
        timeToFirstTokenMs >= 0 ? timeToFirstTokenMs
            : next.timeToFirstTokenMs < 0 ? -1 : latencyMs + next.timeToFirstTokenMs,
        next.model, next.provider, attempts + next.attempts,
        next.structuredOutput != null ? next.structuredOutput : structuredOutput);
  }
}
