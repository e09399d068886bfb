package dev.ailib.core.internal.stream;

import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.StandardErrorCode;
import java.nio.charset.StandardCharsets;

/**
 * Server-Sent Events (the WHATWG event-stream format): {@code data:} with or without a space, several
 * {@code data:} lines joined with a newline, {@code event:}, {@code id:} and {@code retry:} kept on the frame,
 * comment lines ({@code :...}) ignored, a blank line ends an event. The payload equal to the done signal (or
 * {@code [DONE]}), or an event named like the done signal, ends the stream.
 */
final class SseDecoder implements FrameDecoder, LineSplitter.LineHandler {
  private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] EVENT = "event".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ID = "id".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] RETRY = "retry".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DEFAULT_DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

  private final LineSplitter lines;
  private final FrameReader reader;
  private final ByteBuf data = new ByteBuf(1024);
  private final byte[] doneSignal;
  private final String doneEvent;
  private final int maxFrameBytes;
  private boolean hasData;
  private String event;
  private String lastId;
  private long retry = -1;
  private boolean done;
  private int frames;
  private FrameSink sink;
  /** Where a bad payload is, for the error message; one instance, so that no text is built per frame. */
  private final java.util.function.Supplier<String> where;

  SseDecoder(String doneSignal, DecoderLimits limits, FrameReader reader) {
    this.reader = reader;
    this.lines = new LineSplitter(limits.maxLineBytes(), "SSE stream");
    this.where = () -> "SSE stream: event " + frames + " (near line " + this.lines.lineNumber() + ")";
    this.maxFrameBytes = limits.maxFrameBytes();
    String d = doneSignal == null ? "" : doneSignal.trim();
    this.doneSignal = d.isEmpty() ? null : d.getBytes(StandardCharsets.UTF_8);
    this.doneEvent = d.isEmpty() || d.startsWith("[") || d.startsWith("{") ? null : d;
  }

  @Override
  public void feed(byte[] chunk, int off, int len, FrameSink sink) {
    if (done) {
      return;
    }
    this.sink = sink;
    lines.feed(chunk, off, len, this);
  }

  @Override
  public void end(FrameSink sink) {
    if (done) {
      return;
    }
    this.sink = sink;
    lines.end(this);
    dispatch();
  }

  @Override
  public boolean doneReceived() {
    return done;
  }

  @Override
  public int frameCount() {
    return frames;
  }

  @Override
  public void onLine(ByteBuf line, int off, int len) {
    if (done) {
      return;
    }
    if (len == 0) {
      dispatch();
      return;
    }
    byte[] b = line.data;
    if (b[off] == ':') {
      return; // comment
    }
    int colon = -1;
    for (int i = off; i < off + len; i++) {
      if (b[i] == ':') {
        colon = i;
        break;
      }
    }
    int nameLen = (colon < 0 ? off + len : colon) - off;
    int vOff = colon < 0 ? off + len : colon + 1;
    if (vOff < off + len && b[vOff] == ' ') {
      vOff++;
    }
    int vLen = off + len - vOff;
    if (line.equalsAscii(off, nameLen, DATA)) {
      if (hasData && !data.append((byte) '\n', maxFrameBytes) || !data.append(b, vOff, vLen, maxFrameBytes)) {
        throw new ProtocolException(StandardErrorCode.SERVER_ERROR, "SSE stream: event " + (frames + 1) + " near line "
            + lines.lineNumber() + " has more than the limit of " + maxFrameBytes + " bytes of data", null, null);
      }
      hasData = true;
    } else if (line.equalsAscii(off, nameLen, EVENT)) {
      event = line.utf8(vOff, vLen);
    } else if (line.equalsAscii(off, nameLen, ID)) {
      lastId = line.utf8(vOff, vLen);
    } else if (line.equalsAscii(off, nameLen, RETRY)) {
      long r = 0;
      boolean digits = vLen > 0 && vLen < 19;
      for (int i = vOff; i < vOff + vLen && digits; i++) {
        digits = b[i] >= '0' && b[i] <= '9';
        r = r * 10 + (b[i] - '0');
      }
      if (digits) {
        retry = r;
      }
    }
    // other field names are ignored, as the SSE standard says
  }

  private void dispatch() {
    if (!hasData) {
      if (doneEvent != null && doneEvent.equals(event)) {
        done = true;
      }
      event = null;
      return;
    }
    int s = 0;
    int e = data.size;
    while (s < e && isBlank(data.data[s])) {
      s++;
    }
    while (e > s && isBlank(data.data[e - 1])) {
      e--;
    }
    String name = event;
    hasData = false;
    event = null;
    try {
      if (data.equalsAscii(s, e - s, DEFAULT_DONE) || (doneSignal != null && data.equalsAscii(s, e - s, doneSignal))
          || (doneEvent != null && doneEvent.equals(name))) {
        done = true;
        return;
      }
      if (e == s) {
        return; // an event with empty data carries nothing
      }
      frames++;
      Frame frame = new Frame(reader.read(data, s, e - s, where), name, lastId, retry);
      sink.onFrame(frame);
    } finally {
      data.clear();
    }
  }

  private static boolean isBlank(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r';
  }
}
