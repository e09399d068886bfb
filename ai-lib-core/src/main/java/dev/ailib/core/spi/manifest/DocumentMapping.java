package dev.ailib.core.spi.manifest;

import java.util.List;
import java.util.Objects;

/**
 * How a provider contract maps document content blocks ({@code request_mapping.content_block_mapping.document}).
 *
 * <p>Build with {@link #builder()}: a field added in a later release changes the canonical constructor, not the
 * builder.
 *
 * @param format the wire shape family: {@code anthropic_document}, {@code gemini_inline_data} or {@code openai_file}
 * @param typeField the block's type discriminator value, such as {@code document}, or null
 * @param sourceWrapper the nested source style, or null
 * @param base64Field the path of the base64 payload in the encoded block, such as {@code source.data}, or null
 * @param mimeTypeField the path of the media type in the encoded block, or null
 * @param defaultMimeType the media type assumed when a document has none, or null
 * @param refResolution what happens to a document given as a reference: {@code error_before_encode} (the default)
 *     or {@code resolve_at_runtime}
 */
public record DocumentMapping(String format, String typeField, String sourceWrapper, String base64Field,
    String mimeTypeField, String defaultMimeType, String refResolution) {

  /** The document formats the protocol defines. */
  public static final List<String> FORMATS = List.of("anthropic_document", "gemini_inline_data", "openai_file");

  /** The reference policies the protocol defines; the first is the default. */
  public static final List<String> REF_RESOLUTIONS = List.of("error_before_encode", "resolve_at_runtime");

  /** Checks the enumerated values and applies the default policy. */
  public DocumentMapping {
    Objects.requireNonNull(format, "format");
    if (!FORMATS.contains(format)) {
      throw new IllegalArgumentException("unknown document format '" + format + "'; expected one of " + FORMATS);
    }
    refResolution = refResolution == null ? REF_RESOLUTIONS.get(0) : refResolution;
    if (!REF_RESOLUTIONS.contains(refResolution)) {
      throw new IllegalArgumentException("unknown ref_resolution '" + refResolution + "'; expected one of "
          + REF_RESOLUTIONS);
    }
  }

  /**
   * A builder with nothing set; {@code format} is required.
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
    return new Builder().format(format).typeField(typeField).sourceWrapper(sourceWrapper)
        .base64Field(base64Field).mimeTypeField(mimeTypeField).defaultMimeType(defaultMimeType)
        .refResolution(refResolution);
  }

  /** Builds a {@link DocumentMapping}. Not thread-safe. */
  public static final class Builder {
    private String format;
    private String typeField;
    private String sourceWrapper;
    private String base64Field;
    private String mimeTypeField;
    private String defaultMimeType;
    private String refResolution;

    private Builder() {
    }

    /**
     * Sets {@link DocumentMapping#format()} (required).
     *
     * @param format the wire shape family: {@code anthropic_document}, {@code gemini_inline_data} or {@code
     *     openai_file}
     * @return this builder
     */
    public Builder format(String format) {
      this.format = format;
      return this;
    }

    /**
     * Sets {@link DocumentMapping#typeField()}.
     *
     * @param typeField the block's type discriminator value, such as {@code document}, or null
     * @return this builder
     */
    public Builder typeField(String typeField) {
      this.typeField = typeField;
      return this;
    }

    /**
     * Sets {@link DocumentMapping#sourceWrapper()}.
     *
     * @param sourceWrapper the nested source style, or null
     * @return this builder
     */
    public Builder sourceWrapper(String sourceWrapper) {
      this.sourceWrapper = sourceWrapper;
      return this;
    }

    /**
     * Sets {@link DocumentMapping#base64Field()}.
     *
     * @param base64Field the path of the base64 payload in the encoded block, such as {@code source.data}, or null
     * @return this builder
     */
    public Builder base64Field(String base64Field) {
      this.base64Field = base64Field;
      return this;
    }

    /**
     * Sets {@link DocumentMapping#mimeTypeField()}.
     *
     * @param mimeTypeField the path of the media type in the encoded block, or null
     * @return this builder
     */
    public Builder mimeTypeField(String mimeTypeField) {
      this.mimeTypeField = mimeTypeField;
      return this;
    }

    /**
     * Sets {@link DocumentMapping#defaultMimeType()}.
     *
     * @param defaultMimeType the media type assumed when a document has none, or null
     * @return this builder
     */
    public Builder defaultMimeType(String defaultMimeType) {
      this.defaultMimeType = defaultMimeType;
      return this;
    }

    /**
     * Sets {@link DocumentMapping#refResolution()}.
     *
     * @param refResolution what happens to a document given as a reference: {@code error_before_encode} (the default)
     *     or {@code resolve_at_runtime}
     * @return this builder
     */
    public Builder refResolution(String refResolution) {
      this.refResolution = refResolution;
      return this;
    }

    /**
     * Builds the value.
     *
     * @return the value
     * @throws RuntimeException when a required value is missing or a value is invalid
     */
    public DocumentMapping build() {
      return new DocumentMapping(format, typeField, sourceWrapper, base64Field, mimeTypeField, defaultMimeType, refResolution);
    }
  }
}
