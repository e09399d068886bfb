package dev.ailib.api;

import dev.ailib.api.error.AiLibException;
import dev.ailib.api.internal.Checks;

/**
 * One event of a streamed answer. Sealed: use {@code switch} with record patterns, or the
 * {@code isX()} / {@code asX()} accessors. Every stream ends with exactly one {@link StreamEnd}
 * or one {@link StreamError}. {@code candidate} is the choice index for multi-candidate streams (0 otherwise).
 */
public sealed interface StreamingEvent permits StreamingEvent.ContentDelta, StreamingEvent.ThinkingDelta,
    StreamingEvent.ThinkingBlockEnded, StreamingEvent.ToolCallStarted, StreamingEvent.PartialToolCall, StreamingEvent.ToolCallEnded,
    StreamingEvent.UsageReport, StreamingEvent.StreamEnd, StreamingEvent.StreamError {

  /**
   * A piece of the answer's text.
   *
   * @param text the piece
   * @param candidate the candidate index
   */
  record ContentDelta(String text, int candidate) implements StreamingEvent {
  }

  /**
   * A piece of the model's visible reasoning.
   *
   * @param text the piece
   * @param candidate the candidate index
   */
  record ThinkingDelta(String text, int candidate) implements StreamingEvent {
  }

  /**
   * A block of reasoning ended, as the provider needs it back when the conversation continues: a
   * {@link ContentBlock.Thinking} holding the thinking text streamed since the previous such event (or the start) and
   * the provider's signature of it (Anthropic's {@code signature_delta}, an OpenAI Responses reasoning item's
   * encrypted content), or a {@link ContentBlock.RedactedThinking}. Only providers that sign their reasoning send it;
   * the streamed answer's assistant message holds these blocks, as {@code execute()}'s does.
   *
   * @param block the block, a {@code Thinking} or a {@code RedactedThinking}
   * @param candidate the candidate index
   */
  record ThinkingBlockEnded(ContentBlock block, int candidate) implements StreamingEvent {
    /** Checks the block is a thinking block. */
    public ThinkingBlockEnded {
      Checks.notNull(block, "block");
      if (!(block instanceof ContentBlock.Thinking) && !(block instanceof ContentBlock.RedactedThinking)) {
        throw new IllegalArgumentException("a ThinkingBlockEnded holds a Thinking or RedactedThinking block, found "
            + block.getClass().getSimpleName());
      }
    }
  }

  /**
   * The model started a tool call.
   *
   * @param candidate the candidate index
   * @param index the call's position within the candidate
   * @param id the call id
   * @param name the tool name
   */
  record ToolCallStarted(int candidate, int index, String id, String name) implements StreamingEvent {
  }

  /**
   * A fragment of a tool call's JSON arguments.
   *
   * @param candidate the candidate index
   * @param index the call's position within the candidate
   * @param id the call id (recovered from earlier fragments when the provider omits it)
   * @param argumentsDelta the fragment
   */
  record PartialToolCall(int candidate, int index, String id, String argumentsDelta) implements StreamingEvent {
  }

  /**
   * A tool call is complete.
   *
   * @param candidate the candidate index
   * @param index the call's position within the candidate
   * @param call the whole call with its accumulated arguments
   */
  record ToolCallEnded(int candidate, int index, ToolCall call) implements StreamingEvent {
  }

  /**
   * Token usage, usually near the end.
   *
   * @param usage the usage
   */
  record UsageReport(Usage usage) implements StreamingEvent {
  }

  /**
   * The stream finished normally.
   *
   * @param finishReason canonical reason
   * @param rawFinishReason the provider's own value, or null
   * @param candidate the candidate that finished
   */
  record StreamEnd(FinishReason finishReason, String rawFinishReason, int candidate) implements StreamingEvent {
  }

  /**
   * The stream failed: an error frame from the provider, a broken connection or a malformed frame.
   * The same exception is thrown to callers that iterate after this event.
   *
   * @param error the classified error
   */
  record StreamError(AiLibException error) implements StreamingEvent {
    /** Checks the error is present. */
    public StreamError {
      Checks.notNull(error, "error");
    }
  }

  /** Whether this is a {@link ContentDelta}. */
  default boolean isContentDelta() {
    return this instanceof ContentDelta;
  }

  /** Whether this is a {@link ThinkingDelta}. */
  default boolean isThinkingDelta() {
    return this instanceof ThinkingDelta;
  }

  /** Whether this is a {@link ThinkingBlockEnded}. */
  default boolean isThinkingBlockEnded() {
    return this instanceof ThinkingBlockEnded;
  }

  /** Whether this is a {@link ToolCallStarted}. */
  default boolean isToolCallStarted() {
    return this instanceof ToolCallStarted;
  }

  /** Whether this is a {@link PartialToolCall}. */
  default boolean isPartialToolCall() {
    return this instanceof PartialToolCall;
  }

  /** Whether this is a {@link ToolCallEnded}. */
  default boolean isToolCallEnded() {
    return this instanceof ToolCallEnded;
  }

  /** Whether this is a {@link UsageReport}. */
  default boolean isUsageReport() {
    return this instanceof UsageReport;
  }

  /** Whether this is a {@link StreamEnd}. */
  default boolean isStreamEnd() {
    return this instanceof StreamEnd;
  }

  /** Whether this is a {@link StreamError}. */
  default boolean isStreamError() {
    return this instanceof StreamError;
  }

  /** This as a {@link ContentDelta}; throws {@link IllegalStateException} naming both types otherwise. */
  default ContentDelta asContentDelta() {
    return as(ContentDelta.class);
  }

  /** This as a {@link ThinkingDelta}; throws {@link IllegalStateException} naming both types otherwise. */
  default ThinkingDelta asThinkingDelta() {
    return as(ThinkingDelta.class);
  }

  /** This as a {@link ThinkingBlockEnded}; throws {@link IllegalStateException} naming both types otherwise. */
  default ThinkingBlockEnded asThinkingBlockEnded() {
    return as(ThinkingBlockEnded.class);
  }

  /** This as a {@link ToolCallStarted}; throws {@link IllegalStateException} naming both types otherwise. */
  default ToolCallStarted asToolCallStarted() {
    return as(ToolCallStarted.class);
  }

  /** This as a {@link PartialToolCall}; throws {@link IllegalStateException} naming both types otherwise. */
  default PartialToolCall asPartialToolCall() {
    return as(PartialToolCall.class);
  }

  /** This as a {@link ToolCallEnded}; throws {@link IllegalStateException} naming both types otherwise. */
  default ToolCallEnded asToolCallEnded() {
    return as(ToolCallEnded.class);
  }

  /** This as a {@link UsageReport}; throws {@link IllegalStateException} naming both types otherwise. */
  default UsageReport asUsageReport() {
    return as(UsageReport.class);
  }

  /** This as a {@link StreamEnd}; throws {@link IllegalStateException} naming both types otherwise. */
  default StreamEnd asStreamEnd() {
    return as(StreamEnd.class);
  }

  /** This as a {@link StreamError}; throws {@link IllegalStateException} naming both types otherwise. */
  default StreamError asStreamError() {
    return as(StreamError.class);
  }

  private <T extends StreamingEvent> T as(Class<T> type) {
    if (!type.isInstance(this)) {
      throw new IllegalStateException("event is a " + getClass().getSimpleName() + ", not a " + type.getSimpleName());
    }
    return type.cast(this);
  }
}
