package dev.ailib.api;

import java.util.Objects;

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
 * @param cost what the call cost by the serving model's prices in its manifest, or {@link Cost#known() unknown};
 *     never null
 */
public record CallStats(long totalTokens, long promptTokens, long completionTokens, long latencyMs,
    long timeToFirstTokenMs, String model, String provider, int attempts, StructuredOutputMode structuredOutput,
    Cost cost) {

  /** The cost of figures made without one (the constructors of earlier releases). */
  private static final Cost NOT_COMPUTED = Cost.unknown("no cost was computed for these figures");

  /** Checks that the cost is present. */
  public CallStats {
    Objects.requireNonNull(cost, "cost");
  }

  /**
   * Figures of a call without a typed answer and without a cost (the constructor of earlier releases).
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
    this(totalTokens, promptTokens, completionTokens, latencyMs, timeToFirstTokenMs, model, provider, attempts, null,
        NOT_COMPUTED);
  }

  /**
   * Figures without a cost (the constructor of earlier releases).
   *
   * @param totalTokens all tokens
   * @param promptTokens input tokens
   * @param completionTokens output tokens
   * @param latencyMs from the call's start to its end
   * @param timeToFirstTokenMs from the call's start to the first content or tool event, or -1 when none came
   * @param model the model that served the call, without provider prefix
   * @param provider the provider that served the call
   * @param attempts the number of HTTP attempts, over retries and fallbacks
   * @param structuredOutput how a typed answer was asked for, or null
   */
  public CallStats(long totalTokens, long promptTokens, long completionTokens, long latencyMs,
      long timeToFirstTokenMs, String model, String provider, int attempts, StructuredOutputMode structuredOutput) {
    this(totalTokens, promptTokens, completionTokens, latencyMs, timeToFirstTokenMs, model, provider, attempts,
        structuredOutput, NOT_COMPUTED);
  }

  /**
   * A copy naming how the typed answer was asked for.
   *
   * @param mode the mode
   * @return the copy
   */
  public CallStats withStructuredOutput(StructuredOutputMode mode) {
    return new CallStats(totalTokens, promptTokens, completionTokens, latencyMs, timeToFirstTokenMs, model, provider,
        attempts, mode, cost);
  }

  /**
   * A copy with a cost.
   *
   * @param value the cost
   * @return the copy
   */
  public CallStats withCost(Cost value) {
    return new CallStats(totalTokens, promptTokens, completionTokens, latencyMs, timeToFirstTokenMs, model, provider,
        attempts, structuredOutput, value);
  }

  /**
   * The figures of this call followed by another one (a repair request, the next round of a tool run): tokens,
   * attempts and costs added up ({@link Cost#plus}), latency the sum, time to first token this call's, model,
   * provider and mode the later call's.
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
        next.structuredOutput != null ? next.structuredOutput : structuredOutput, cost.plus(next.cost));
  }
}
