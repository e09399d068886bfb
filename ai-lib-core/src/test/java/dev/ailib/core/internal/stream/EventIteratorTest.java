package dev.ailib.core.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.FinishReason;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.error.TransportException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class EventIteratorTest {

  /** Serves the bytes a few at a time, then fails (or blocks forever, simulated by failing) if read again. */
  static final class TrickleStream extends InputStream {
    private final byte[] data;
    private final int step;
    private int pos;
    boolean closed;
    int readsAfterEnd;

    TrickleStream(String s, int step) {
      this.data = s.getBytes(StandardCharsets.UTF_8);
      this.step = step;
    }

    @Override
    public int read() {
      throw new UnsupportedOperationException();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (pos >= data.length) {
        readsAfterEnd++;
        throw new IOException("connection reset");
      }
      int n = Math.min(Math.min(step, len), data.length - pos);
      System.arraycopy(data, pos, b, off, n);
      pos += n;
      return n;
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  @Test
  void pullsEventsAndStopsAtTheDoneSignalWithoutReadingFurther() {
    StreamPipeline p = TestSpecs.pipeline("chat-completions.yaml");
    TrickleStream body = new TrickleStream(StreamMappingTest.sse(
        "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}",
        "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}", "[DONE]"), 7);
    List<StreamingEvent> got = new ArrayList<>();
    try (EventIterator it = p.newSession().iterate(body)) {
      it.forEachRemaining(got::add);
      assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
    }
    assertThat(got).containsExactly(new StreamingEvent.ContentDelta("Hi", 0),
        new StreamingEvent.StreamEnd(FinishReason.END_TURN, "stop", 0));
    assertThat(body.readsAfterEnd).isZero();
    assertThat(body.closed).isTrue();
  }

  @Test
  void ioErrorBecomesOneStreamError() {
    StreamPipeline p = TestSpecs.pipeline("chat-completions.yaml");
    TrickleStream body = new TrickleStream(StreamMappingTest.sse(
        "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}"), 5);
    List<StreamingEvent> got = new ArrayList<>();
    try (EventIterator it = p.newSession().iterate(body)) {
      it.forEachRemaining(got::add);
    }
    assertThat(got).hasSize(2);
    assertThat(got.get(1).asStreamError().error()).isInstanceOf(TransportException.class)
        .hasMessageContaining("connection reset");
  }

  @Test
  void endOfInputEndsTheStream() {
    StreamPipeline p = TestSpecs.pipeline("messages.yaml");
    byte[] b = ("event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"max_tokens\"}}\n\n")
        .getBytes(StandardCharsets.UTF_8);
    List<StreamingEvent> got = new ArrayList<>();
    p.newSession().iterate(new ByteArrayInputStream(b)).forEachRemaining(got::add);
    assertThat(got).containsExactly(new StreamingEvent.StreamEnd(FinishReason.MAX_TOKENS, "max_tokens", 0));
  }
}
