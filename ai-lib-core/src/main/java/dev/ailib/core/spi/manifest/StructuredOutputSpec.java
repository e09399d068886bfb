package dev.ailib.core.spi.manifest;

/**
 * The manifest's {@code capabilities.structured_output} declaration: which mechanisms for JSON answers the provider
 * has. Keys follow the protocol's capability contract ({@code schemas/v2/provider-contract.json},
 * {@code capability_contracts.structured_output}). A manifest without it is read from what it does declare (the
 * {@code structured_output} capability or feature flag, a {@code response_format} parameter); see
 * docs/structured-output.md.
 *
 * <p>Build with {@link #builder()}: a field added in a later release changes the canonical constructor, not the
 * builder.
 *
 * @param jsonSchemaMode {@code json_schema_mode}: the provider enforces a JSON schema on the answer (OpenAI-style
 *     {@code response_format} {@code json_schema} with {@code strict}, Gemini {@code responseJsonSchema}, Anthropic
 *     {@code output_config.format})
 * @param jsonMode {@code json_mode}: the provider has a JSON mode (valid JSON, no schema)
 * @param responseFormatField {@code response_format_field}: for Gemini-style manifests the generation-config field
 *     that takes the schema ({@code responseJsonSchema}, the default, or {@code responseSchema}, the OpenAPI
 *     subset), else null
 */
public record StructuredOutputSpec(boolean jsonSchemaMode, boolean jsonMode, String responseFormatField) {

  /**
   * A builder with nothing declared.
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
    return new Builder().jsonSchemaMode(jsonSchemaMode).jsonMode(jsonMode).responseFormatField(responseFormatField);
  }

  /** Builds a {@link StructuredOutputSpec}. Not thread-safe. */
  public static final class Builder {
    private boolean jsonSchemaMode;
    private boolean jsonMode;
    private String responseFormatField;

    private Builder() {
    }

    /**
     * Sets {@link StructuredOutputSpec#jsonSchemaMode()}.
     *
     * @param jsonSchemaMode whether the provider enforces a JSON schema
     * @return this builder
     */
    public Builder jsonSchemaMode(boolean jsonSchemaMode) {
      this.jsonSchemaMode = jsonSchemaMode;
      return this;
    }

    /**
     * Sets {@link StructuredOutputSpec#jsonMode()}.
     *
     * @param jsonMode whether the provider has a JSON mode
     * @return this builder
     */
    public Builder jsonMode(boolean jsonMode) {
      this.jsonMode = jsonMode;
      return this;
    }

    /**
     * Sets {@link StructuredOutputSpec#responseFormatField()}.
     *
     * @param responseFormatField the field that takes the schema, or null
     * @return this builder
     */
    public Builder responseFormatField(String responseFormatField) {
      this.responseFormatField = responseFormatField;
      return this;
    }

    /**
     * Builds the value.
     *
     * @return the value
     */
    public StructuredOutputSpec build() {
      return new StructuredOutputSpec(jsonSchemaMode, jsonMode, responseFormatField);
    }
  }
}
