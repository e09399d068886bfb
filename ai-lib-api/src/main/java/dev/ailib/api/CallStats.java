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
 */
public record CallStats(long totalTokens, long promptTokens, long completionTokens, long latencyMs,
    long timeToFirstTokenMs, String model, String provider, int attempts) {
}
