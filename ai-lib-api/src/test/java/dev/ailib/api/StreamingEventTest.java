package dev.ailib.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.error.CancelledException;
import org.junit.jupiter.api.Test;

class StreamingEventTest {

  @Test
  void accessorsMatchTheRecordType() {
    StreamingEvent e = new StreamingEvent.ContentDelta("hi", 0);
    assertThat(e.isContentDelta()).isTrue();
    assertThat(e.isStreamEnd()).isFalse();
    assertThat(e.asContentDelta().text()).isEqualTo("hi");
  }

  @Test
  void wrongAccessorNamesBothTypes() {
    StreamingEvent e = new StreamingEvent.StreamEnd(FinishReason.END_TURN, "stop", 0);
    assertThatThrownBy(e::asContentDelta)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("event is a StreamEnd, not a ContentDelta");
  }

  @Test
  void switchPatternsCoverEveryEvent() {
    StreamingEvent[] events = {
        new StreamingEvent.ContentDelta("a", 0), new StreamingEvent.ThinkingDelta("t", 0),
        new StreamingEvent.ToolCallStarted(0, 0, "id", "f"), new StreamingEvent.PartialToolCall(0, 0, "id", "{"),
        new StreamingEvent.ToolCallEnded(0, 0, new ToolCall("id", "f", "{}")),
        new StreamingEvent.UsageReport(Usage.EMPTY), new StreamingEvent.StreamEnd(FinishReason.TOOL_USE, "tool_calls", 0),
        new StreamingEvent.StreamError(new CancelledException("x"))};
    StringBuilder kinds = new StringBuilder();
    for (StreamingEvent e : events) {
      kinds.append(describe(e)).append(' ');
    }
    assertThat(kinds.toString().trim()).isEqualTo("content thinking started partial ended usage end error");
  }

  private static String describe(StreamingEvent e) {
    if (e instanceof StreamingEvent.ContentDelta) {
      return "content";
    } else if (e instanceof StreamingEvent.ThinkingDelta) {
      return "thinking";
    } else if (e instanceof StreamingEvent.ToolCallStarted) {
      return "started";
    } else if (e instanceof StreamingEvent.PartialToolCall) {
      return "partial";
    } else if (e instanceof StreamingEvent.ToolCallEnded) {
      return "ended";
    } else if (e instanceof StreamingEvent.UsageReport) {
      return "usage";
    } else if (e instanceof StreamingEvent.StreamEnd) {
      return "end";
    }
    return "error";
  }
}
