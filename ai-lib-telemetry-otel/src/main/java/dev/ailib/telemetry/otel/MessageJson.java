package dev.ailib.telemetry.otel;

import dev.ailib.api.ContentBlock;
import dev.ailib.api.Message;
import dev.ailib.api.ToolCall;
import java.util.List;
import java.util.Locale;

/**
 * Writes messages in the GenAI conventions' JSON shape for {@code gen_ai.input.messages} and
 * {@code gen_ai.output.messages}: {@code [{"role": ..., "parts": [...]}]} with parts of type {@code text},
 * {@code tool_call}, {@code tool_call_response}, {@code uri} and {@code blob}. Inline binary data (base64 images and
 * audio) is never copied: a blob part keeps only its media type or format.
 */
final class MessageJson {

  private MessageJson() {
  }

  static String inputMessages(List<Message> messages) {
    StringBuilder b = new StringBuilder(128).append('[');
    for (int i = 0; i < messages.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      Message m = messages.get(i);
      b.append("{\"role\":");
      string(b, m.role().name().toLowerCase(Locale.ROOT));
      b.append(",\"parts\":[");
      List<ContentBlock> blocks = m.content();
      for (int j = 0; j < blocks.size(); j++) {
        if (j > 0) {
          b.append(',');
        }
        part(b, blocks.get(j));
      }
      b.append("]}");
    }
    return b.append(']').toString();
  }

  /**
   * One assistant message.
   *
   * @param text the answer's text (may be empty)
   * @param toolCalls the tool calls
   * @param finishReason the canonical finish reason, or null
   */
  static String outputMessage(String text, List<ToolCall> toolCalls, String finishReason) {
    StringBuilder b = new StringBuilder(128).append("[{\"role\":\"assistant\",\"parts\":[");
    boolean first = true;
    if (text != null && !text.isEmpty()) {
      b.append("{\"type\":\"text\",\"content\":");
      string(b, text);
      b.append('}');
      first = false;
    }
    for (ToolCall call : toolCalls) {
      if (!first) {
        b.append(',');
      }
      toolCall(b, call);
      first = false;
    }
    b.append(']');
    if (finishReason != null) {
      b.append(",\"finish_reason\":");
      string(b, finishReason);
    }
    return b.append("}]").toString();
  }

  private static void part(StringBuilder b, ContentBlock block) {
    if (block instanceof ContentBlock.Text t) {
      b.append("{\"type\":\"text\",\"content\":");
      string(b, t.text());
      b.append('}');
    } else if (block instanceof ContentBlock.Image img) {
      if (img.url() != null && !img.url().startsWith("data:")) {
        b.append("{\"type\":\"uri\",\"modality\":\"image\",\"uri\":");
        string(b, img.url());
        b.append('}');
      } else {
        b.append("{\"type\":\"blob\",\"modality\":\"image\"");
        if (img.mediaType() != null) {
          b.append(",\"mime_type\":");
          string(b, img.mediaType());
        }
        b.append('}');
      }
    } else if (block instanceof ContentBlock.Document doc) {
      if (doc.url() != null && !doc.url().startsWith("data:")) {
        b.append("{\"type\":\"uri\",\"modality\":\"document\",\"uri\":");
        string(b, doc.url());
        b.append('}');
      } else {
        b.append("{\"type\":\"blob\",\"modality\":\"document\"");
        if (doc.mediaType() != null) {
          b.append(",\"mime_type\":");
          string(b, doc.mediaType());
        }
        b.append('}');
      }
    } else if (block instanceof ContentBlock.Audio audio) {
      b.append("{\"type\":\"blob\",\"modality\":\"audio\",\"format\":");
      string(b, audio.format());
      b.append('}');
    } else if (block instanceof ContentBlock.ToolUse use) {
      toolCall(b, use.call());
    } else if (block instanceof ContentBlock.ToolResult result) {
      b.append("{\"type\":\"tool_call_response\",\"id\":");
      string(b, result.toolCallId());
      b.append(",\"response\":");
      string(b, result.content());
      b.append('}');
    } else if (block instanceof ContentBlock.Thinking thinking) {
      b.append("{\"type\":\"reasoning\",\"content\":");
      string(b, thinking.text());
      b.append('}');
    } else if (block instanceof ContentBlock.RedactedThinking) {
      b.append("{\"type\":\"reasoning\",\"content\":\"\"}"); // encrypted: there is no text to show
    }
  }

  private static void toolCall(StringBuilder b, ToolCall call) {
    b.append("{\"type\":\"tool_call\",\"id\":");
    string(b, call.id());
    b.append(",\"name\":");
    string(b, call.name());
    b.append(",\"arguments\":");
    string(b, call.argumentsJson());
    b.append('}');
  }

  /** Appends a JSON string literal (or {@code null}). */
  static void string(StringBuilder b, String s) {
    if (s == null) {
      b.append("null");
      return;
    }
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}
