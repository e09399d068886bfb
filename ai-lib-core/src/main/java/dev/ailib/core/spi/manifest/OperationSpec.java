package dev.ailib.core.spi.manifest;

import java.util.Map;
import java.util.Objects;

/**
 * An operation besides chat that a manifest declares ({@code endpoint.<operation>} / {@code endpoints.<operation>}),
 * with its wire format and what the runtime needs to speak it.
 *
 * <p>Build with {@link #builder()}: a field added in a later release changes the canonical constructor, not the
 * builder.
 *
 * @param path the path below the base URL, may hold {@code {model}}
 * @param method the HTTP method, usually POST
 * @param style the wire format
 * @param declaredStyle the manifest's own name for the format ({@code adapter}), for messages; null when it was
 *     derived from the chat wire style
 * @param maxInputs the most inputs one request may carry (a batch), or null for the runtime's default
 * @param wireNames request fields under the provider's names where they differ from the style's own, by the
 *     runtime's name: {@code dimensions} (such as Mistral's {@code output_dimension}), {@code input_type} (such as
 *     Jina's {@code task})
 * @param inputTypes the provider's value of each input type (by {@code EmbeddingInputType.wireName()}, such as
 *     {@code query -> retrieval.query}); empty for the style's own values
 * @param inputTypeRequired whether every request must name an input type (Cohere's v3 and later models)
 */
public record OperationSpec(String path, String method, OperationStyle style, String declaredStyle,
    Integer maxInputs, Map<String, String> wireNames, Map<String, String> inputTypes, boolean inputTypeRequired) {

  /** Checks, copies and defaults. */
  public OperationSpec {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(style, "style");
    method = method == null ? "POST" : method;
    if (maxInputs != null && maxInputs < 1) {
      throw new IllegalArgumentException("maxInputs must be at least 1, got " + maxInputs);
    }
    wireNames = Map.copyOf(wireNames == null ? Map.of() : wireNames);
    inputTypes = Map.copyOf(inputTypes == null ? Map.of() : inputTypes);
  }

  /**
   * A builder with nothing set; {@code path} and {@code style} are required.
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
    return new Builder().path(path).method(method).style(style).declaredStyle(declaredStyle).maxInputs(maxInputs)
        .wireNames(wireNames).inputTypes(inputTypes).inputTypeRequired(inputTypeRequired);
  }

  /** Builds an {@link OperationSpec}. Not thread-safe. */
  public static final class Builder {
    private String path;
    private String method;
    private OperationStyle style;
    private String declaredStyle;
    private Integer maxInputs;
    private Map<String, String> wireNames;
    private Map<String, String> inputTypes;
    private boolean inputTypeRequired;

    private Builder() {
    }

    /**
     * Sets {@link OperationSpec#path()} (required).
     *
     * @param path the path below the base URL
     * @return this builder
     */
    public Builder path(String path) {
      this.path = path;
      return this;
    }

    /**
     * Sets {@link OperationSpec#method()}.
     *
     * @param method the HTTP method (default POST)
     * @return this builder
     */
    public Builder method(String method) {
      this.method = method;
      return this;
    }

    /**
     * Sets {@link OperationSpec#style()} (required).
     *
     * @param style the wire format
     * @return this builder
     */
    public Builder style(OperationStyle style) {
      this.style = style;
      return this;
    }

    /**
     * Sets {@link OperationSpec#declaredStyle()}.
     *
     * @param declaredStyle the manifest's name for the format, or null
     * @return this builder
     */
    public Builder declaredStyle(String declaredStyle) {
      this.declaredStyle = declaredStyle;
      return this;
    }

    /**
     * Sets {@link OperationSpec#maxInputs()}.
     *
     * @param maxInputs the batch limit, or null
     * @return this builder
     */
    public Builder maxInputs(Integer maxInputs) {
      this.maxInputs = maxInputs;
      return this;
    }

    /**
     * Sets {@link OperationSpec#wireNames()}.
     *
     * @param wireNames provider field names by the runtime's name
     * @return this builder
     */
    public Builder wireNames(Map<String, String> wireNames) {
      this.wireNames = wireNames;
      return this;
    }

    /**
     * Sets {@link OperationSpec#inputTypes()}.
     *
     * @param inputTypes the provider's value of each input type
     * @return this builder
     */
    public Builder inputTypes(Map<String, String> inputTypes) {
      this.inputTypes = inputTypes;
      return this;
    }

    /**
     * Sets {@link OperationSpec#inputTypeRequired()}.
     *
     * @param inputTypeRequired whether every request must name an input type
     * @return this builder
     */
    public Builder inputTypeRequired(boolean inputTypeRequired) {
      this.inputTypeRequired = inputTypeRequired;
      return this;
    }

    /**
     * Builds the value.
     *
     * @return the value
     * @throws RuntimeException when a required value is missing or a value is invalid
     */
    public OperationSpec build() {
      return new OperationSpec(path, method, style, declaredStyle, maxInputs, wireNames, inputTypes,
          inputTypeRequired);
    }
  }
}
