package dev.ailib.core.spi.manifest;

import java.util.List;
import java.util.Objects;

/**
 * One parameter the provider accepts.
 *
 * <p>Build with {@link #builder()}: a field added in a later release changes the canonical constructor, not the
 * builder.
 *
 * @param name the protocol name, such as {@code max_tokens}
 * @param type integer, float, boolean, string, array or object
 * @param min the smallest allowed value, or null
 * @param max the largest allowed value, or null
 * @param defaultValue the default as a JSON-like value, or null
 * @param required whether the provider requires it (the default is sent when the caller gives none)
 * @param providerName the name on the wire when it differs (such as {@code max_completion_tokens}), else null. In
 *     the {@link #wireName()} a dot means nesting, in every wire format: {@code generationConfig.maxOutputTokens}
 *     is sent as {@code {"generationConfig": {"maxOutputTokens": ...}}}, {@code reasoning.effort} as
 *     {@code {"reasoning": {"effort": ...}}} (objects on the way are shared with the codec's own fields; a step that
 *     already holds something else fails the call)
 * @param aliases other names callers may use
 * @param allowedValues the only values allowed (a manifest {@code enum}), empty when any value of the type is allowed
 */
public record ParameterSpec(String name, String type, Double min, Double max, Object defaultValue, boolean required,
    String providerName, List<String> aliases, List<Object> allowedValues) {

  /** Checks and copies. */
  public ParameterSpec {
    Objects.requireNonNull(name, "name");
    aliases = List.copyOf(aliases == null ? List.of() : aliases);
    allowedValues = List.copyOf(allowedValues == null ? List.of() : allowedValues);
  }

  /** The name sent on the wire ({@link #providerName()}, else {@link #name()}); a dot in it nests. */
  public String wireName() {
    return providerName != null ? providerName : name;
  }

  /**
   * A builder with nothing set; {@code name} is required.
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
    return new Builder().name(name).type(type).min(min).max(max).defaultValue(defaultValue).required(required)
        .providerName(providerName).aliases(aliases).allowedValues(allowedValues);
  }

  /** Builds a {@link ParameterSpec}. Not thread-safe. */
  public static final class Builder {
    private String name;
    private String type;
    private Double min;
    private Double max;
    private Object defaultValue;
    private boolean required;
    private String providerName;
    private List<String> aliases;
    private List<Object> allowedValues;

    private Builder() {
    }

    /**
     * Sets {@link ParameterSpec#name()} (required).
     *
     * @param name the protocol name, such as {@code max_tokens}
     * @return this builder
     */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /**
     * Sets {@link ParameterSpec#type()}.
     *
     * @param type integer, float, boolean, string, array or object
     * @return this builder
     */
    public Builder type(String type) {
      this.type = type;
      return this;
    }

    /**
     * Sets {@link ParameterSpec#min()}.
     *
     * @param min the smallest allowed value, or null
     * @return this builder
     */
    public Builder min(Double min) {
      this.min = min;
      return this;
    }

    /**
     * Sets {@link ParameterSpec#max()}.
     *
     * @param max the largest allowed value, or null
     * @return this builder
     */
    public Builder max(Double max) {
      this.max = max;
      return this;
    }

    /**
     * Sets {@link ParameterSpec#defaultValue()}.
     *
     * @param defaultValue the default as a JSON-like value, or null
     * @return this builder
     */
    public Builder defaultValue(Object defaultValue) {
      this.defaultValue = defaultValue;
      return this;
    }

    /**
     * Sets {@link ParameterSpec#required()}.
     *
     * @param required whether the provider requires it (the default is sent when the caller gives none)
     * @return this builder
     */
    public Builder required(boolean required) {
      this.required = required;
      return this;
    }

    /**
     * Sets {@link ParameterSpec#providerName()}.
     *
     * @param providerName the name on the wire when it differs (such as {@code max_completion_tokens}), else null;
     *     a dot in the wire name means nesting in every wire format ({@code generationConfig.maxOutputTokens})
     * @return this builder
     */
    public Builder providerName(String providerName) {
      this.providerName = providerName;
      return this;
    }

    /**
     * Sets {@link ParameterSpec#aliases()}.
     *
     * @param aliases other names callers may use
     * @return this builder
     */
    public Builder aliases(List<String> aliases) {
      this.aliases = aliases;
      return this;
    }

    /**
     * Sets {@link ParameterSpec#allowedValues()}.
     *
     * @param allowedValues the only values allowed (a manifest {@code enum}), empty when any value of the type is allowed
     * @return this builder
     */
    public Builder allowedValues(List<Object> allowedValues) {
      this.allowedValues = allowedValues;
      return this;
    }

    /**
     * Builds the value.
     *
     * @return the value
     * @throws RuntimeException when a required value is missing or a value is invalid
     */
    public ParameterSpec build() {
      return new ParameterSpec(name, type, min, max, defaultValue, required, providerName, aliases, allowedValues);
    }
  }
}
