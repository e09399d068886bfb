package dev.ailib.mcp.internal;

import java.io.IOException;
import java.io.Reader;

/**
 * Splits a character stream into lines ({@code \n}, with a {@code \r} before it dropped) without holding more than a
 * bounded line: {@link java.io.BufferedReader#readLine()} has no limit, and a server that never ends a line would
 * otherwise grow the buffer until memory runs out. Not thread-safe.
 */
final class LineReader {
  private final Reader in;
  private final int maxChars;
  private final char[] buf = new char[8192];
  private int pos;
  private int end;

  LineReader(Reader in, int maxChars) {
    this.in = in;
    this.maxChars = maxChars;
  }

  /**
   * The next line.
   *
   * @return the line without its terminator, or null at the end of the stream (a last line without terminator is
   *     returned first)
   * @throws TooLongException when a line exceeds the limit
   * @throws IOException when reading fails
   */
  String next() throws IOException {
    StringBuilder line = null;
    while (true) {
      if (pos == end) {
        end = in.read(buf, 0, buf.length);
        pos = 0;
        if (end <= 0) {
          end = 0;
          return line == null || line.length() == 0 ? null : strip(line);
        }
      }
      int start = pos;
      while (pos < end && buf[pos] != '\n') {
        pos++;
      }
      int len = pos - start;
      if (line == null) {
        line = new StringBuilder(Math.min(Math.max(len, 16), maxChars));
      }
      if (line.length() + len > maxChars) {
        throw new TooLongException();
      }
      line.append(buf, start, len);
      if (pos < end) {
        pos++; // the '\n'
        return strip(line);
      }
    }
  }

  private static String strip(StringBuilder line) {
    int n = line.length();
    return n > 0 && line.charAt(n - 1) == '\r' ? line.substring(0, n - 1) : line.toString();
  }

  /** A line longer than the limit. */
  static final class TooLongException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLongException() {
      super("line too long", null);
    }
  }
}
