package dev.ailib.api;

import dev.ailib.api.internal.Checks;

/** One part of a message's content. Sealed: switch over the records. */
public sealed interface ContentBlock
    permits ContentBlock.Text, ContentBlock.Image, ContentBlock.Audio, ContentBlock.Document, ContentBlock.ToolUse,
    ContentBlock.ToolResult {

  /**
   * Plain text.
   *
   * @param text the text
   */
  record Text(String text) implements ContentBlock {
    /** Checks the text is present. */
    public Text {
      Checks.notNull(text, "text");
    }
  }

  /**
   * An image, given by URL or inline as base64 data (exactly one of the two).
   *
   * @param url an http(s) or data URL, or null
   * @param base64Data base64 image bytes, or null
   * @param mediaType the media type such as {@code image/png}; required with base64 data
   */
  record Image(String url, String base64Data, String mediaType) implements ContentBlock {
    /** Checks exactly one source is given. */
    public Image {
      if ((url == null) == (base64Data == null)) {
        throw new IllegalArgumentException("an image needs exactly one of url or base64Data");
      }
      if (base64Data != null && mediaType == null) {
        throw new IllegalArgumentException("an inline base64 image needs its mediaType, such as image/png");
      }
    }

    @Override
    public String toString() {
      return url != null ? "Image[url=" + url + "]" : "Image[" + mediaType + ", " + base64Data.length() + " base64 chars]";
    }
  }

  /**
   * Audio given inline as base64.
   *
   * @param base64Data base64 audio bytes
   * @param format the format such as {@code wav} or {@code mp3}
   */
  record Audio(String base64Data, String format) implements ContentBlock {
    /** Checks both fields are present. */
    public Audio {
      Checks.notNull(base64Data, "base64Data");
      Checks.notNull(format, "format");
    }

    @Override
    public String toString() {
      return "Audio[" + format + ", " + base64Data.length() + " base64 chars]";
    }
  }

  /**
   * A document (such as a PDF), given inline as base64 data, by URL, or as a reference to an upload (exactly one of
   * the three). Inline documents go to the provider as its document shape (Anthropic {@code document} block,
   * Gemini {@code inlineData}, OpenAI {@code file} part). A reference must be resolved to data or a URL by the caller
   * before the request is encoded: encoding a request that still holds one fails before any network call.
   *
   * @param base64Data base64 document bytes, or null
   * @param url an http(s) URL of the document, or null
   * @param ref a reference to an upload (such as {@code upload://abc}), or null
   * @param mediaType the media type such as {@code application/pdf}; required with base64 data
   */
  record Document(String base64Data, String url, String ref, String mediaType) implements ContentBlock {
    /** Checks exactly one source is given. */
    public Document {
      int sources = (base64Data != null ? 1 : 0) + (url != null ? 1 : 0) + (ref != null ? 1 : 0);
      if (sources != 1) {
        throw new IllegalArgumentException("a document needs exactly one of base64Data, url or ref, got " + sources);
      }
      if (base64Data != null && (mediaType == null || mediaType.isBlank())) {
        throw new IllegalArgumentException("an inline base64 document needs its mediaType, such as application/pdf");
      }
    }

    @Override
    public String toString() {
      return base64Data != null ? "Document[" + mediaType + ", " + base64Data.length() + " base64 chars]"
          : url != null ? "Document[url=" + url + "]" : "Document[ref=" + ref + "]";
    }
  }

  /**
   * A tool call the assistant made (in assistant messages of the history).
   *
   * @param call the call
   */
  record ToolUse(ToolCall call) implements ContentBlock {
    /** Checks the call is present. */
    public ToolUse {
      Checks.notNull(call, "call");
    }
  }

  /**
   * The result of a tool call, sent back to the model.
   *
   * @param toolCallId the id of the call this answers
   * @param content the result, usually text or JSON text
   * @param isError whether the tool failed
   */
  record ToolResult(String toolCallId, String content, boolean isError) implements ContentBlock {
    /** Checks the id and content are present. */
    public ToolResult {
      Checks.notNull(toolCallId, "toolCallId");
      Checks.notNull(content, "content");
    }
  }

  /**
   * A text block.
   *
   * @param text the text
   * @return the block
   */
  static ContentBlock text(String text) {
    return new Text(text);
  }

  /**
   * An image by URL (http(s) or data URL).
   *
   * @param url the URL
   * @return the block
   */
  static ContentBlock imageUrl(String url) {
    return new Image(Checks.notNull(url, "url"), null, null);
  }

  /**
   * An inline image.
   *
   * @param mediaType such as {@code image/png}
   * @param base64Data the base64 bytes
   * @return the block
   */
  static ContentBlock imageBase64(String mediaType, String base64Data) {
    return new Image(null, Checks.notNull(base64Data, "base64Data"), mediaType);
  }

  /**
   * An inline document.
   *
   * @param mediaType such as {@code application/pdf}
   * @param base64Data the base64 bytes
   * @return the block
   */
  static ContentBlock documentBase64(String mediaType, String base64Data) {
    return new Document(Checks.notNull(base64Data, "base64Data"), null, null, mediaType);
  }

  /**
   * A document by URL.
   *
   * @param url the http(s) URL
   * @param mediaType such as {@code application/pdf}, or null when unknown
   * @return the block
   */
  static ContentBlock documentUrl(String url, String mediaType) {
    return new Document(null, Checks.notNull(url, "url"), null, mediaType);
  }
}
