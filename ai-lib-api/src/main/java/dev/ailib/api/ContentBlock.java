package dev.ailib.api;

import dev.ailib.api.internal.Checks;

/** One part of a message's content. Sealed: switch over the records. */
public sealed interface ContentBlock
    permits ContentBlock.Text, ContentBlock.Image, ContentBlock.Audio, ContentBlock.Document, ContentBlock.ToolUse,
    ContentBlock.ToolResult, ContentBlock.Thinking, ContentBlock.RedactedThinking {

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
   * @param filename the document's file name (formats that name files, such as OpenAI's {@code file} part, send it;
   *     without one they send {@code document} with the media type's extension), or null
   */
  record Document(String base64Data, String url, String ref, String mediaType, String filename)
      implements ContentBlock {
    /** Checks exactly one source is given. */
    public Document {
      int sources = (base64Data != null ? 1 : 0) + (url != null ? 1 : 0) + (ref != null ? 1 : 0);
      if (sources != 1) {
        throw new IllegalArgumentException("a document needs exactly one of base64Data, url or ref, got " + sources);
      }
      if (base64Data != null && (mediaType == null || mediaType.isBlank())) {
        throw new IllegalArgumentException("an inline base64 document needs its mediaType, such as application/pdf");
      }
      if (filename != null && filename.isBlank()) {
        throw new IllegalArgumentException("a document's filename must not be blank; pass null for none");
      }
    }

    /**
     * A document without a file name.
     *
     * @param base64Data base64 document bytes, or null
     * @param url an http(s) URL of the document, or null
     * @param ref a reference to an upload, or null
     * @param mediaType the media type; required with base64 data
     */
    public Document(String base64Data, String url, String ref, String mediaType) {
      this(base64Data, url, ref, mediaType, null);
    }

    @Override
    public String toString() {
      String name = filename == null ? "" : filename + ", ";
      return base64Data != null ? "Document[" + name + mediaType + ", " + base64Data.length() + " base64 chars]"
          : url != null ? "Document[" + name + "url=" + url + "]" : "Document[" + name + "ref=" + ref + "]";
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
   * The model's visible reasoning, in an assistant message. Returned in {@link ChatResponse#thinkingBlocks()} (and
   * so in {@link ChatResponse#message()}) and sent back when the conversation continues: a provider that signs its
   * thinking (Anthropic, with extended thinking and tools) needs the block, with its signature, at the start of the
   * assistant message that called the tools. Wire formats without a thinking input drop the block (or send it in
   * their own form, such as Cohere's {@code tool_plan}).
   *
   * @param text the reasoning text
   * @param signature opaque data the provider needs back with the text, or null when it gave none: Anthropic's
   *     signature, or an OpenAI Responses reasoning item (its id, encrypted content and summary); each wire format
   *     sends back only its own kind and drops the other
   */
  record Thinking(String text, String signature) implements ContentBlock {
    /** Checks the text is present. */
    public Thinking {
      Checks.notNull(text, "text");
    }

    @Override
    public String toString() {
      return "Thinking[" + text.length() + " chars" + (signature == null ? "" : ", signed") + "]";
    }
  }

  /**
   * Reasoning the provider returned encrypted (Anthropic's {@code redacted_thinking}): opaque data to send back
   * unchanged in the assistant message, never shown.
   *
   * @param data the opaque data
   */
  record RedactedThinking(String data) implements ContentBlock {
    /** Checks the data is present. */
    public RedactedThinking {
      Checks.notNull(data, "data");
    }

    @Override
    public String toString() {
      return "RedactedThinking[" + data.length() + " chars]";
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
   * An inline document with its file name.
   *
   * @param mediaType such as {@code application/pdf}
   * @param base64Data the base64 bytes
   * @param filename such as {@code report.pdf}
   * @return the block
   */
  static ContentBlock documentBase64(String mediaType, String base64Data, String filename) {
    return new Document(Checks.notNull(base64Data, "base64Data"), null, null, mediaType,
        Checks.notNull(filename, "filename"));
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
