package dev.ailib.core.internal.stream;

import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.StandardErrorCode;

/**
 * Splits bytes into lines ending in LF, CRLF or CR, across chunk boundaries (a CR at the end of one chunk and
 * the LF at the start of the next count as one line end). Lines are kept as bytes, so a UTF-8 character split
 * across chunks is reassembled before anything decodes it. Reuses one buffer.
 */
final class LineSplitter {

  /** Receives each complete line (without its terminator) from the shared buffer. */
  interface LineHandler {
    void onLine(ByteBuf line, int off, int len);
  }

  private final ByteBuf line = new ByteBuf(256);
  private final int maxLineBytes;
  private final String what;
  private boolean crPending;
  private boolean first = true;
  private long lineNumber;

  LineSplitter(int maxLineBytes, String what) {
    this.maxLineBytes = maxLineBytes;
    this.what = what;
  }

  void feed(byte[] chunk, int off, int len, LineHandler handler) {
    int end = off + len;
    int i = off;
    while (i < end) {
      if (crPending) {
        crPending = false;
        if (chunk[i] == '\n') {
          i++;
          continue;
        }
      }
      int start = i;
      while (i < end && chunk[i] != '\n' && chunk[i] != '\r') {
        i++;
      }
      if (!line.append(chunk, start, i - start, maxLineBytes)) {
        throw new ProtocolException(StandardErrorCode.SERVER_ERROR, what + ": line " + (lineNumber + 1)
            + " is longer than the limit of " + maxLineBytes + " bytes (starts with: " + line.preview(80) + ")",
            null, null);
      }
      if (i < end) {
        crPending = chunk[i] == '\r';
        i++;
        emit(handler);
      }
    }
  }

  /** Flushes an unterminated last line. */
  void end(LineHandler handler) {
    if (line.size > 0) {
      emit(handler);
    }
  }

  private void emit(LineHandler handler) {
    lineNumber++;
    int off = 0;
    if (first) {
      first = false;
      // a UTF-8 byte order mark at the very start is not content
      if (line.size >= 3 && (line.data[0] & 0xff) == 0xEF && (line.data[1] & 0xff) == 0xBB
          && (line.data[2] & 0xff) == 0xBF) {
        off = 3;
      }
    }
    handler.onLine(line, off, line.size - off);
    line.clear();
  }

  long lineNumber() {
    return lineNumber;
  }
}
