package dev.ailib.core.spi.manifest;

import java.util.Map;

/**
 * How the provider's finish reasons map to the protocol's standard ones.
 *
 * <p>Build with {@link #builder()}: a field added in a later release changes the canonical constructor, not the
 * builder.
 *
 * @param sourceField the response field holding the reason, or null
 * @param mapping provider value to standard reason name ({@code end_turn}, {@code tool_use}, ...)
 */
public record TerminationSpec(String sourceField, Map<String, String> mapping) {

  /** Nothing declared: provider values that are standard names are kept, others become {@code other}. */
  public static final TerminationSpec NONE = new TerminationSpec(null, Map.of());

  /** Copies. */
  public TerminationSpec {
    mapping = Map.copyOf(mapping == null ? Map.of() : mapping);
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
    return new Builder().sourceField(sourceField).mapping(mapping);
  }

  /** Builds a {@link TerminationSpec}. Not thread-safe. */
  public static final class Builder {
    private String sourceField;
    private Map<String, String> mapping;

    private Builder() {
    }

    /**
     * Sets {@link TerminationSpec#sourceField()}.
     *
     * @param sourceField the response field holding the reason, or null
     * @return this builder
     */
    public Builder sourceField(String sourceField) {
      this.sourceField = sourceField;
      return this;
    }

    /**
     * Sets {@link TerminationSpec#mapping()}.
     *
     * @param mapping provider value to standard reason name ({@code end_turn}, {@code tool_use}, ...)
     * @return this builder
     */
    public Builder mapping(Map<String, String> mapping) {
      this.mapping = mapping;
      return this;
    }

    /**
     * Builds the value.
     *
     * @return the value
     */
    public TerminationSpec build() {
      return new TerminationSpec(sourceField, mapping);
    }
  }
}
