package dev.ailib.api;

import dev.ailib.api.internal.Checks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One message of a conversation.
 *
 * <p>{@link #metadata()} is the application's own bookkeeping about a message (a message id, a timestamp, a tag):
 * it stays with the message wherever the library keeps or returns it (requests, tool runs, histories), and it is
 * never sent to a provider. No provider's chat API has a field for it on a message, and some (OpenAI's) reject a
 * request whose message carries an unknown field; what the model should read belongs in the content.
 *
 * @param role who wrote it
 * @param content its content blocks, in order
 * @param metadata the application's key/value pairs about this message, in insertion order; never sent on the wire;
 *     may be empty
 */
public record Message(Role role, List<ContentBlock> content, Map<String, String> metadata) {

  /**
   * Checks and copies.
   *
   * @throws NullPointerException naming the role, the content or the content block that is null
   */
  public Message {
    Checks.notNull(role, "role");
    content = Checks.elements(content, "content");
    metadata = copyMetadata(metadata);
  }

  /**
   * A message without metadata.
   *
   * @param role who wrote it
   * @param content its content blocks, in order
   */
  public Message(Role role, List<ContentBlock> content) {
    this(role, content, Map.of());
  }

  /**
   * This message with these metadata (replacing any it had).
   *
   * @param metadata key/value pairs; keys not blank, values not null
   * @return the new message
   * @throws NullPointerException when a key or a value is null (the message names the key)
   * @throws IllegalArgumentException when a key is blank
   */
  public Message withMetadata(Map<String, String> metadata) {
    return new Message(role, content, metadata);
  }

  /**
   * This message with one more metadata entry (replacing the key's value if it had one).
   *
   * @param key not blank
   * @param value not null
   * @return the new message
   */
  public Message withMetadata(String key, String value) {
    Map<String, String> m = new LinkedHashMap<>(metadata);
    m.put(key, value);
    return new Message(role, content, m);
  }

  private static Map<String, String> copyMetadata(Map<String, String> metadata) {
    if (metadata == null || metadata.isEmpty()) {
      return Map.of();
    }
    Map<String, String> copy = new LinkedHashMap<>();
    metadata.forEach((k, v) -> {
      Checks.notNull(k, "message metadata key");
      if (k.isBlank()) {
        throw new IllegalArgumentException("message metadata key is blank");
      }
      Checks.notNull(v, "message metadata '" + k + "'");
      copy.put(k, v);
    });
    return Collections.unmodifiableMap(copy);
  }

  /**
   * A system message.
   *
   * @param text the instructions
   * @return the message
   */
  public static Message system(String text) {
    return new Message(Role.SYSTEM, List.of(ContentBlock.text(text)));
  }

  /**
   * A user message with text.
   *
   * @param text the text
   * @return the message
   */
  public static Message user(String text) {
    return new Message(Role.USER, List.of(ContentBlock.text(text)));
  }

  /**
   * A user message with several blocks (text, images, audio).
   *
   * @param blocks the blocks
   * @return the message
   */
  public static Message user(List<ContentBlock> blocks) {
    return new Message(Role.USER, blocks);
  }

  /**
   * An assistant message with text.
   *
   * @param text the text
   * @return the message
   */
  public static Message assistant(String text) {
    return new Message(Role.ASSISTANT, List.of(ContentBlock.text(text)));
  }

  /**
   * An assistant message that made tool calls, optionally with text before them.
   *
   * @param text text the assistant wrote, or null
   * @param calls the calls
   * @return the message
   */
  public static Message assistantToolCalls(String text, List<ToolCall> calls) {
    List<ToolCall> checked = Checks.elements(calls, "calls");
    List<ContentBlock> blocks = new ArrayList<>();
    if (text != null && !text.isEmpty()) {
      blocks.add(ContentBlock.text(text));
    }
    for (ToolCall call : checked) {
      blocks.add(new ContentBlock.ToolUse(call));
    }
    return new Message(Role.ASSISTANT, blocks);
  }

  /**
   * A tool result message.
   *
   * @param toolCallId the id of the call it answers
   * @param content the result
   * @return the message
   */
  public static Message tool(String toolCallId, String content) {
    return new Message(Role.TOOL, List.of(new ContentBlock.ToolResult(toolCallId, content, false)));
  }

  /** The concatenated text blocks. */
  public String text() {
    StringBuilder b = new StringBuilder();
    for (ContentBlock block : content) {
      if (block instanceof ContentBlock.Text t) {
        b.append(t.text());
      }
    }
    return b.toString();
  }
}
