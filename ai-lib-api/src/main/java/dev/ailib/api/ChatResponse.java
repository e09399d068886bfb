package dev.ailib.api;

import dev.ailib.api.internal.Checks;
import java.util.List;

/**
 * A complete answer.
 *
 * @param content the text of the answer (empty when the model only called tools)
 * @param toolCalls the tool calls, in order
 * @param finishReason why the model stopped, canonical
 * @param rawFinishReason the provider's own finish reason, or null
 * @param usage token usage ({@link Usage#EMPTY} when not reported)
 * @param model the model that answered, as the provider named it
 * @param id the provider's response id, or null
 * @param requestId the provider's request id header, or null
 * @param thinking the model's visible reasoning text, or empty
 * @param thinkingBlocks the reasoning as the provider returned it, in order: {@link ContentBlock.Thinking} (with its
 *     signature, when the provider signs it) and {@link ContentBlock.RedactedThinking} blocks; empty when none
 */
public record ChatResponse(String content, List<ToolCall> toolCalls, FinishReason finishReason, String rawFinishReason,
    Usage usage, String model, String id, String requestId, String thinking, List<ContentBlock> thinkingBlocks) {

  /** Checks and copies; only thinking blocks are accepted in {@code thinkingBlocks}. */
  public ChatResponse {
    content = content == null ? "" : content;
    toolCalls = List.copyOf(toolCalls == null ? List.of() : toolCalls);
    Checks.notNull(finishReason, "finishReason");
    usage = usage == null ? Usage.EMPTY : usage;
    thinking = thinking == null ? "" : thinking;
    thinkingBlocks = List.copyOf(thinkingBlocks == null ? List.of() : thinkingBlocks);
    for (ContentBlock b : thinkingBlocks) {
      if (!(b instanceof ContentBlock.Thinking) && !(b instanceof ContentBlock.RedactedThinking)) {
        throw new IllegalArgumentException("thinkingBlocks holds only Thinking and RedactedThinking blocks, found "
            + b.getClass().getSimpleName());
      }
    }
  }

  /**
   * An answer whose reasoning, if any, is unsigned text: {@code thinkingBlocks} is one {@link ContentBlock.Thinking}
   * without signature when {@code thinking} is not empty.
   *
   * @param content the text of the answer
   * @param toolCalls the tool calls
   * @param finishReason why the model stopped
   * @param rawFinishReason the provider's finish reason, or null
   * @param usage token usage
   * @param model the model that answered
   * @param id the response id, or null
   * @param requestId the request id header, or null
   * @param thinking the reasoning text, or empty
   */
  public ChatResponse(String content, List<ToolCall> toolCalls, FinishReason finishReason, String rawFinishReason,
      Usage usage, String model, String id, String requestId, String thinking) {
    this(content, toolCalls, finishReason, rawFinishReason, usage, model, id, requestId, thinking,
        thinking == null || thinking.isEmpty() ? List.of() : List.of(new ContentBlock.Thinking(thinking, null)));
  }

  /**
   * This answer as the assistant message to append to a conversation: its thinking blocks first (as providers that
   * sign their thinking require), then its text and tool calls.
   *
   * @return the message
   */
  public Message message() {
    List<ContentBlock> blocks = new java.util.ArrayList<>(thinkingBlocks);
    if (!content.isEmpty()) {
      blocks.add(ContentBlock.text(content));
    }
    for (ToolCall call : toolCalls) {
      blocks.add(new ContentBlock.ToolUse(call));
    }
    if (blocks.isEmpty()) {
      blocks.add(ContentBlock.text(""));
    }
    return new Message(Role.ASSISTANT, blocks);
  }

  /** Whether the model asked for tool calls. */
  public boolean hasToolCalls() {
    return !toolCalls.isEmpty();
  }
}
