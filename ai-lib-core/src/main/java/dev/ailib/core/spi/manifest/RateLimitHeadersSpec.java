package dev.ailib.core.spi.manifest;

/**
 * Names of the provider's rate-limit headers; each may be null.
 *
 * @param retryAfter such as {@code retry-after}
 * @param requestsLimit requests allowed in the window
 * @param requestsRemaining requests left in the window
 * @param tokensLimit tokens allowed in the window
 * @param tokensRemaining tokens left in the window
 */
public record RateLimitHeadersSpec(String retryAfter, String requestsLimit, String requestsRemaining,
    String tokensLimit, String tokensRemaining) {
}
