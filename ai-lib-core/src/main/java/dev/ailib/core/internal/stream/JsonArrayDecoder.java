package dev.ailib.core.internal.stream;

import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.StandardErrorCode;

/**
 * A JSON array streamed element by element ({@code [{...},\n{...}]} arriving in pieces): each top-level element
 * becomes a frame as soon as its closing brace arrives. Also accepts top-level objects without the enclosing
 * array. Tracks strings and escapes so braces inside strings do not count.
 */
final class JsonArrayDecoder implements FrameDecoder {
  private final ByteBuf element = new ByteBuf(1024);
  private final int maxFrameBytes;
  private final FrameReader reader;
  private int depth;          // nesting depth, counting the outer array
  private boolean inArray;    // the outer '[' was seen
  private boolean capturing;  // inside an element
  private int elementDepth;   // the depth at which the current element started
  private boolean inString;
  private boolean escape;
  private boolean closed;
  private long offset;
  private int frames;
  /** Where a bad payload is, for the error message; one instance, so that no text is built per frame. */
  private final java.util.function.Supplier<String> where = () -> "JSON array stream: element " + frames;

  JsonArrayDecoder(DecoderLimits limits, FrameReader reader) {
    this.reader = reader;
    this.maxFrameBytes = limits.maxFrameBytes();
  }

  @Override
  public void feed(byte[] chunk, int off, int len, FrameSink sink) {
    int end = off + len;
    int segment = off; // start of the bytes of the current element inside this chunk
    for (int i = off; i < end; i++) {
      byte b = chunk[i];
      if (capturing) {
        if (inString) {
          if (escape) {
            escape = false;
          } else if (b == '\\') {
            escape = true;
          } else if (b == '"') {
            inString = false;
          }
          continue;
        }
        if (b == '"') {
          inString = true;
        } else if (b == '{' || b == '[') {
          depth++;
        } else if (b == '}' || b == ']') {
          depth--;
          if (depth == elementDepth) {
            append(chunk, segment, i + 1 - segment);
            capturing = false;
            emit(sink);
          }
        }
        continue;
      }
      // between elements
      if (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == ',') {
        continue;
      }
      if (closed) {
        throw error(i - off, "data after the end of the array: '" + (char) b + "'");
      }
      if (b == '[' && !inArray && depth == 0) {
        inArray = true;
        depth = 1;
        continue;
      }
      if (b == ']' && inArray && depth == 1) {
        depth = 0;
        closed = true;
        continue;
      }
      if (b == '{' || b == '[') {
        capturing = true;
        elementDepth = depth;
        depth++;
        segment = i;
        continue;
      }
      throw error(i - off, "expected '{' to start an element but found '" + (char) (b & 0xff) + "'");
    }
    if (capturing) {
      append(chunk, segment, end - segment);
    }
    offset += len;
  }

  private void append(byte[] chunk, int off, int len) {
    if (!element.append(chunk, off, len, maxFrameBytes)) {
      throw new ProtocolException(StandardErrorCode.SERVER_ERROR, "JSON array stream: element " + (frames + 1)
          + " is larger than the limit of " + maxFrameBytes + " bytes", null, null);
    }
  }

  private void emit(FrameSink sink) {
    frames++;
    try {
      sink.onFrame(Frame.of(reader.read(element, 0, element.size, where)));
    } finally {
      element.clear();
    }
  }

  private ProtocolException error(int index, String problem) {
    return new ProtocolException(StandardErrorCode.SERVER_ERROR, "JSON array stream: at byte " + (offset + index + 1)
        + ": " + problem, null, null);
  }

  @Override
  public void end(FrameSink sink) {
    if (capturing) {
      throw new ProtocolException(StandardErrorCode.SERVER_ERROR, "JSON array stream: ended inside element "
          + (frames + 1) + " (" + element.preview(80) + ")", null, null);
    }
  }

  @Override
  public boolean doneReceived() {
    return closed;
  }

  @Override
  public int frameCount() {
    return frames;
  }
}
