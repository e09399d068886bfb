package dev.ailib.core.internal.structured;

import dev.ailib.api.ChatResponse;
import dev.ailib.api.ContentBlock;
import dev.ailib.api.FinishReason;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.ToolCall;
import dev.ailib.api.Usage;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects a streamed answer (the first candidate) into the {@link ChatResponse} the same answer would have had
 * unstreamed: text, thinking (with the signed and redacted blocks the stream ended, then the thinking after the last
 * one as an unsigned block), finished tool calls, the finish reason and the last usage report. Not thread-safe.
 */
public final class StreamedAnswer {
  private final StringBuilder text = new StringBuilder();
  private final StringBuilder thinking = new StringBuilder();
  private final List<ContentBlock> thinkingBlocks = new ArrayList<>();
  /** How much of {@code thinking} the signed blocks hold. */
  private int signedThinking;
  private final List<ToolCall> calls = new ArrayList<>();
  private FinishReason finish;
  private String rawFinish;
  private Usage usage = Usage.EMPTY;

  /**
   * Takes one event.
   *
   * @param e the event
   */
  public void accept(StreamingEvent e) {
    if (e instanceof StreamingEvent.ContentDelta d && d.candidate() == 0) {
      text.append(d.text());
    } else if (e instanceof StreamingEvent.ThinkingDelta d && d.candidate() == 0) {
      thinking.append(d.text());
    } else if (e instanceof StreamingEvent.ThinkingBlockEnded b && b.candidate() == 0) {
      thinkingBlocks.add(b.block());
      signedThinking = thinking.length();
    } else if (e instanceof StreamingEvent.ToolCallEnded t && t.candidate() == 0) {
      calls.add(t.call());
    } else if (e instanceof StreamingEvent.UsageReport u) {
      usage = u.usage();
    } else if (e instanceof StreamingEvent.StreamEnd end && end.candidate() == 0) {
      finish = end.finishReason();
      rawFinish = end.rawFinishReason();
    }
  }

  /** The text so far. */
  public String text() {
    return text.toString();
  }

  /**
   * The answer as a response.
   *
   * @param model the model that answered (from the call's figures), or null
   * @return the response
   */
  public ChatResponse response(String model) {
    FinishReason reason = finish != null ? finish : calls.isEmpty() ? FinishReason.END_TURN : FinishReason.TOOL_USE;
    String all = thinking.toString();
    List<ContentBlock> blocks = new ArrayList<>(thinkingBlocks);
    if (signedThinking < all.length()) {
      blocks.add(new ContentBlock.Thinking(all.substring(signedThinking), null));
    }
    return new ChatResponse(text.toString(), calls, reason, rawFinish, usage, model, null, null, all, blocks);
  }
}
