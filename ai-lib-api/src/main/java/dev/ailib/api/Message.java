package dev.ailib.api;

import dev.ailib.api.internal.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * One message of a conversation.
 *
 * @param role who wrote it
 * @param content its content blocks, in order
 */
public record Message(Role role, List<ContentBlock> content) {

  /**
   * Checks and copies.
   *
   * @throws NullPointerException naming the role, the content or the content block that is null
   */
  public Message {
    Checks.notNull(role, "role");
    content = Checks.elements(content, "content");
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
