package dev.ailib.core.spi.manifest;

import java.util.Map;
import java.util.Set;

/**
 * What the provider can do.
 *
 * <p>Build with {@link #builder()}: a field added in a later release changes the canonical constructor, not the
 * builder.
 *
 * @param required capabilities every model has (text, streaming, tools, ...)
 * @param optional capabilities some models have
 * @param featureFlags named features and whether they are on
 * @param textToolFallback the {@code tool_calling.text_fallback} declaration, or null when tool calls are native only
 * @param structuredOutput the {@code structured_output} declaration (which JSON-answer mechanisms the provider has),
 *     or null when the manifest has none
 */
public record CapabilitiesSpec(Set<String> required, Set<String> optional, Map<String, Boolean> featureFlags,
    TextToolFallbackSpec textToolFallback, StructuredOutputSpec structuredOutput) {

  /** Nothing declared. */
  public static final CapabilitiesSpec NONE = new CapabilitiesSpec(Set.of(), Set.of(), Map.of(), null, null);

  /** Copies. */
  public CapabilitiesSpec {
    required = Set.copyOf(required == null ? Set.of() : required);
    optional = Set.copyOf(optional == null ? Set.of() : optional);
    featureFlags = Map.copyOf(featureFlags == null ? Map.of() : featureFlags);
  }

  /**
   * Whether a capability is declared, required or optional.
   *
   * @param capability such as {@code vision}
   * @return true when declared
   */
  public boolean declares(String capability) {
    return required.contains(capability) || optional.contains(capability);
  }

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
    return new Builder().required(required).optional(optional).featureFlags(featureFlags)
        .textToolFallback(textToolFallback).structuredOutput(structuredOutput);
  }

  /** Builds a {@link CapabilitiesSpec}. Not thread-safe. */
  public static final class Builder {
    private Set<String> required;
    private Set<String> optional;
    private Map<String, Boolean> featureFlags;
    private TextToolFallbackSpec textToolFallback;
    private StructuredOutputSpec structuredOutput;

    private Builder() {
    }

    /**
     * Sets {@link CapabilitiesSpec#required()}.
     *
     * @param required capabilities every model has (text, streaming, tools, ...)
     * @return this builder
     */
    public Builder required(Set<String> required) {
      this.required = required;
      return this;
    }

    /**
     * Sets {@link CapabilitiesSpec#optional()}.
     *
     * @param optional capabilities some models have
     * @return this builder
     */
    public Builder optional(Set<String> optional) {
      this.optional = optional;
      return this;
    }

    /**
     * Sets {@link CapabilitiesSpec#featureFlags()}.
     *
     * @param featureFlags named features and whether they are on
     * @return this builder
     */
    public Builder featureFlags(Map<String, Boolean> featureFlags) {
      this.featureFlags = featureFlags;
      return this;
    }

    /**
     * Sets {@link CapabilitiesSpec#textToolFallback()}.
     *
     * @param textToolFallback the {@code tool_calling.text_fallback} declaration, or null when tool calls are native
     *     only
     * @return this builder
     */
    public Builder textToolFallback(TextToolFallbackSpec textToolFallback) {
      this.textToolFallback = textToolFallback;
      return this;
    }

    /**
     * Sets {@link CapabilitiesSpec#structuredOutput()}.
     *
     * @param structuredOutput the {@code structured_output} declaration, or null
     * @return this builder
     */
    public Builder structuredOutput(StructuredOutputSpec structuredOutput) {
      this.structuredOutput = structuredOutput;
      return this;
    }

    /**
     * Builds the value.
     *
     * @return the value
     */
    public CapabilitiesSpec build() {
      return new CapabilitiesSpec(required, optional, featureFlags, textToolFallback, structuredOutput);
    }
  }
}
