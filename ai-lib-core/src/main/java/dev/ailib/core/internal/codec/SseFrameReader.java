package dev.ailib.core.internal.codec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads the data payloads of a server-sent-events body: {@code data:} lines (with or without the space) joined by
 * newlines until a blank line; {@code event:}, {@code id:}, {@code retry:} and comment lines are skipped; {@code \n},
 * {@code \r\n} and {@code \r} line ends are accepted; UTF-8 split across network chunks is decoded correctly.
 */
public final class SseFrameReader {
  private static final int MAX_FRAME_CHARS = 16 << 20;

  private final BufferedReader reader;

  /**
   * Reads from a body.
   *
   * @param body the response body
   */
  public SseFrameReader(InputStream body) {
    this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
  }

  /**
   * The next frame's data.
   *
   * @return the data, or null at the end of the body
   * @throws IOException when reading fails or a frame is larger than 16 Mi characters
   */
  public String next() throws IOException {
    StringBuilder data = null;
    while (true) {
      String line = reader.readLine();
      if (line == null) {
        return data == null ? null : data.toString();
      }
      if (line.isEmpty()) {
        if (data != null) {
          return data.toString();
        }
        continue;
      }
      if (line.startsWith("data:")) {
        String v = line.substring(5);
        if (v.startsWith(" ")) {
          v = v.substring(1);
        }
        if (data == null) {
          data = new StringBuilder(v);
        } else {
          data.append('\n').append(v);
        }
        if (data.length() > MAX_FRAME_CHARS) {
          throw new IOException("a server-sent event is larger than " + MAX_FRAME_CHARS + " characters");
        }
      }
    }
  }
}
