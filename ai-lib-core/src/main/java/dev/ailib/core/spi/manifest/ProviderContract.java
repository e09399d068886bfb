package dev.ailib.core.spi.manifest;

import java.util.Objects;

/**
 * A v2 provider contract ({@code v2/contracts/*.contract.yaml}, schema {@code schemas/v2/provider-contract.json}):
 * the parts of a provider's wire behaviour the runtime reads beside its manifest.
 *
 * <p>Build with {@link #builder()}: a field added in a later release changes the canonical constructor, not the
 * builder.
 *
 * @param contractVersion the contract schema version, {@code 1.0}
 * @param providerId the provider the contract describes
 * @param apiStyle {@code openai_compatible}, {@code anthropic_messages}, {@code gemini_generate} or {@code custom}
 * @param apiVersion the provider's API version string, or null
 * @param document how document blocks are mapped, or null when the contract does not say
 */
public record ProviderContract(String contractVersion, String providerId, String apiStyle, String apiVersion,
    DocumentMapping document) {

  /** Checks the required fields. */
  public ProviderContract {
    Objects.requireNonNull(contractVersion, "contractVersion");
    Objects.requireNonNull(providerId, "providerId");
    Objects.requireNonNull(apiStyle, "apiStyle");
  }

  /**
   * A builder with nothing set; {@code contractVersion}, {@code providerId}, {@code apiStyle} are required.
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
    return new Builder().contractVersion(contractVersion).providerId(providerId).apiStyle(apiStyle)
        .apiVersion(apiVersion).document(document);
  }

  /** Builds a {@link ProviderContract}. Not thread-safe. */
  public static final class Builder {
    private String contractVersion;
    private String providerId;
    private String apiStyle;
    private String apiVersion;
    private DocumentMapping document;

    private Builder() {
    }

    /**
     * Sets {@link ProviderContract#contractVersion()} (required).
     *
     * @param contractVersion the contract schema version, {@code 1.0}
     * @return this builder
     */
    public Builder contractVersion(String contractVersion) {
      this.contractVersion = contractVersion;
      return this;
    }

    /**
     * Sets {@link ProviderContract#providerId()} (required).
     *
     * @param providerId the provider the contract describes
     * @return this builder
     */
    public Builder providerId(String providerId) {
      this.providerId = providerId;
      return this;
    }

    /**
     * Sets {@link ProviderContract#apiStyle()} (required).
     *
     * @param apiStyle {@code openai_compatible}, {@code anthropic_messages}, {@code gemini_generate} or {@code
     *     custom}
     * @return this builder
     */
    public Builder apiStyle(String apiStyle) {
      this.apiStyle = apiStyle;
      return this;
    }

    /**
     * Sets {@link ProviderContract#apiVersion()}.
     *
     * @param apiVersion the provider's API version string, or null
     * @return this builder
     */
    public Builder apiVersion(String apiVersion) {
      this.apiVersion = apiVersion;
      return this;
    }

    /**
     * Sets {@link ProviderContract#document()}.
     *
     * @param document how document blocks are mapped, or null when the contract does not say
     * @return this builder
     */
    public Builder document(DocumentMapping document) {
      this.document = document;
      return this;
    }

    /**
     * Builds the value.
     *
     * @return the value
     * @throws RuntimeException when a required value is missing or a value is invalid
     */
    public ProviderContract build() {
      return new ProviderContract(contractVersion, providerId, apiStyle, apiVersion, document);
    }
  }
}
