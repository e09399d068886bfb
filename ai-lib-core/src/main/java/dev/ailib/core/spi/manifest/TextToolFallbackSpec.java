package dev.ailib.core.spi.manifest;

import java.util.List;

/**
 * The manifest's {@code capabilities.tool_calling.text_fallback}: the provider's models may write tool calls as text
 * markup ({@code <tool_call>{...}</tool_call>} or a known dialect) instead of, or besides, native tool calls.
 *
 * <p>Build with {@link #builder()}: a field added in a later release changes the canonical constructor, not the
 * builder.
 *
 * @param format the markup format, such as {@code xml_json}
 * @param wrapper the canonical wrapper tag, such as {@code tool_call}
 * @param promptLevel the instruction level the provider needs ({@code L1}..{@code L3}), or null
 * @param dialects the dialect tags the manifest lists (shell, bash, function, dsml, ...)
 */
public record TextToolFallbackSpec(String format, String wrapper, String promptLevel, List<String> dialects) {

  /** Copies. */
  public TextToolFallbackSpec {
    dialects = List.copyOf(dialects == null ? List.of() : dialects);
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
    return new Builder().format(format).wrapper(wrapper).promptLevel(promptLevel).dialects(dialects);
  }

  /** Builds a {@link TextToolFallbackSpec}. Not thread-safe. */
  public static final class Builder {
    private String format;
    private String wrapper;
    private String promptLevel;
    private List<String> dialects;

    private Builder() {
    }

    /**
     * Sets {@link TextToolFallbackSpec#format()}.
     *
     * @param format the markup format, such as {@code xml_json}
     * @return this builder
     */
    public Builder format(String format) {
      this.format = format;
      return this;
    }

    /**
     * Sets {@link TextToolFallbackSpec#wrapper()}.
     *
     * @param wrapper the canonical wrapper tag, such as {@code tool_call}
     * @return this builder
     */
    public Builder wrapper(String wrapper) {
      this.wrapper = wrapper;
      return this;
    }

    /**
     * Sets {@link TextToolFallbackSpec#promptLevel()}.
     *
     * @param promptLevel the instruction level the provider needs ({@code L1}..{@code L3}), or null
     * @return this builder
     */
    public Builder promptLevel(String promptLevel) {
      this.promptLevel = promptLevel;
      return this;
    }

    /**
     * Sets {@link TextToolFallbackSpec#dialects()}.
     *
     * @param dialects the dialect tags the manifest lists (shell, bash, function, dsml, ...)
     * @return this builder
     */
    public Builder dialects(List<String> dialects) {
      this.dialects = dialects;
      return this;
    }

    /**
     * Builds the value.
     *
     * @return the value
     */
    public TextToolFallbackSpec build() {
      return new TextToolFallbackSpec(format, wrapper, promptLevel, dialects);
    }
  }
}
