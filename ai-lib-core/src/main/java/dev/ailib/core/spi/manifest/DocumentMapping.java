package dev.ailib.core.spi.manifest;

import java.util.List;
import java.util.Objects;

/**
 * How a provider contract maps document content blocks ({@code request_mapping.content_block_mapping.document}).
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
}
