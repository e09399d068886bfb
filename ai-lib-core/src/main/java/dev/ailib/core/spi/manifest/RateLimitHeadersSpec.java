package dev.ailib.core.spi.manifest;

/**
 * Names of the provider's rate-limit headers; each may be null.
 *
 * <p>Build with {@link #builder()}: a field added in a later release changes the canonical constructor, not the
 * builder.
 *
 * @param retryAfter such as {@code retry-after}
 * @param requestsLimit requests allowed in the window
 * @param requestsRemaining requests left in the window
 * @param tokensLimit tokens allowed in the window
 * @param tokensRemaining tokens left in the window
 */
public record RateLimitHeadersSpec(String retryAfter, String requestsLimit, String requestsRemaining,
    String tokensLimit, String tokensRemaining) {

  /**
   * A builder with nothing set.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding these values, to derive a changed copy.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    return new Builder().retryAfter(retryAfter).requestsLimit(requestsLimit)
        .requestsRemaining(requestsRemaining).tokensLimit(tokensLimit).tokensRemaining(tokensRemaining);
  }

  /** Builds a {@link RateLimitHeadersSpec}. Not thread-safe. */
  public static final class Builder {
    private String retryAfter;
    private String requestsLimit;
    private String requestsRemaining;
    private String tokensLimit;
    private String tokensRemaining;

    private Builder() {
    }

    /**
     * Sets {@link RateLimitHeadersSpec#retryAfter()}.
     *
     * @param retryAfter such as {@code retry-after}
     * @return this builder
     */
    public Builder retryAfter(String retryAfter) {
      this.retryAfter = retryAfter;
      return this;
    }

    /**
     * Sets {@link RateLimitHeadersSpec#requestsLimit()}.
     *
     * @param requestsLimit requests allowed in the window
     * @return this builder
     */
    public Builder requestsLimit(String requestsLimit) {
      this.requestsLimit = requestsLimit;
      return this;
    }

    /**
     * Sets {@link RateLimitHeadersSpec#requestsRemaining()}.
     *
     * @param requestsRemaining requests left in the window
     * @return this builder
     */
    public Builder requestsRemaining(String requestsRemaining) {
      this.requestsRemaining = requestsRemaining;
      return this;
    }

    /**
     * Sets {@link RateLimitHeadersSpec#tokensLimit()}.
     *
     * @param tokensLimit tokens allowed in the window
     * @return this builder
     */
    public Builder tokensLimit(String tokensLimit) {
      this.tokensLimit = tokensLimit;
      return this;
    }

    /**
     * Sets {@link RateLimitHeadersSpec#tokensRemaining()}.
     *
     * @param tokensRemaining tokens left in the window
     * @return this builder
     */
    public Builder tokensRemaining(String tokensRemaining) {
      this.tokensRemaining = tokensRemaining;
      return this;
    }

    /**
     * Builds the value.
     *
     * @return the value
     */
    public RateLimitHeadersSpec build() {
      return new RateLimitHeadersSpec(retryAfter, requestsLimit, requestsRemaining, tokensLimit, tokensRemaining);
    }
  }
}
