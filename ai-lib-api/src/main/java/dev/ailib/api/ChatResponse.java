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
 */
public record ChatResponse(String content, List<ToolCall> toolCalls, FinishReason finishReason, String rawFinishReason,
    Usage usage, String model, String id, String requestId, String thinking) {

  /** Checks and copies. */
  public ChatResponse {
    content = content == null ? "" : content;
    toolCalls = List.copyOf(toolCalls == null ? List.of() : toolCalls);
    Checks.notNull(finishReason, "finishReason");
    usage = usage == null ? Usage.EMPTY : usage;
    thinking = thinking == null ? "" : thinking;
  }

  /** Whether the model asked for tool calls. */
  public boolean hasToolCalls() {
    return !toolCalls.isEmpty();
  }

  /**
   * This answer as the assistant message to append to a conversation: its text and tool calls (thinking text is
   * not part of it).
   *
   * @return the message
   */
  public Message message() {
    return hasToolCalls() ? Message.assistantToolCalls(content, toolCalls) : Message.assistant(content);
  }
}
