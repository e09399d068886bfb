package dev.ailib.api;

import java.util.Objects;

/** One part of a message's content. Sealed: switch over the records. */
public sealed interface ContentBlock
    permits ContentBlock.Text, ContentBlock.Image, ContentBlock.Audio, ContentBlock.ToolUse, ContentBlock.ToolResult {

  /**
   * Plain text.
   *
   * @param text the text
   */
  record Text(String text) implements ContentBlock {
    /** Checks the text is present. */
    public Text {
      Objects.requireNonNull(text, "text");
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
      Objects.requireNonNull(base64Data, "base64Data");
      Objects.requireNonNull(format, "format");
    }

    @Override
    public String toString() {
      return "Audio[" + format + ", " + base64Data.length() + " base64 chars]";
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
      Objects.requireNonNull(call, "call");
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
      Objects.requireNonNull(toolCallId, "toolCallId");
      Objects.requireNonNull(content, "content");
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
    return new Image(Objects.requireNonNull(url, "url"), null, null);
  }

  /**
   * An inline image.
   *
   * @param mediaType such as {@code image/png}
   * @param base64Data the base64 bytes
   * @return the block
   */
  static ContentBlock imageBase64(String mediaType, String base64Data) {
    return new Image(null, Objects.requireNonNull(base64Data, "base64Data"), mediaType);
  }
}
