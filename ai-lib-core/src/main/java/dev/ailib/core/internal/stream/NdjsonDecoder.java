package dev.ailib.core.internal.stream;

/** Newline-delimited JSON: one JSON document per line (LF, CRLF or CR); blank lines are skipped. */
final class NdjsonDecoder implements FrameDecoder, LineSplitter.LineHandler {
  private final LineSplitter lines;
  private final FrameReader reader;
  private int frames;
  /** Where a bad payload is, for the error message; one instance, so that no text is built per frame. */
  private final java.util.function.Supplier<String> where;
  private FrameSink sink;

  NdjsonDecoder(DecoderLimits limits, FrameReader reader) {
    this.reader = reader;
    this.lines = new LineSplitter(limits.maxLineBytes(), "NDJSON stream");
    this.where = () -> "NDJSON stream: line " + this.lines.lineNumber();
  }

  @Override
  public void feed(byte[] chunk, int off, int len, FrameSink sink) {
    this.sink = sink;
    lines.feed(chunk, off, len, this);
  }

  @Override
  public void end(FrameSink sink) {
    this.sink = sink;
    lines.end(this);
  }

  @Override
  public boolean doneReceived() {
    return false;
  }

  @Override
  public int frameCount() {
    return frames;
  }

  @Override
  public void onLine(ByteBuf line, int off, int len) {
    int s = off;
    int e = off + len;
    while (s < e && (line.data[s] == ' ' || line.data[s] == '\t')) {
      s++;
    }
    while (e > s && (line.data[e - 1] == ' ' || line.data[e - 1] == '\t')) {
      e--;
    }
    if (e == s) {
      return;
    }
    frames++;
    sink.onFrame(Frame.of(reader.read(line, s, e - s, where)));
  }
}
