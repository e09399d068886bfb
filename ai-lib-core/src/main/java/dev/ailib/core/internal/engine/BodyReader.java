package dev.ailib.core.internal.engine;

import dev.ailib.core.spi.transport.HttpHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads an error response body into memory, bounded (answers are parsed by the codec as they are read). With a
 * Content-Length the bytes go straight into an array of that size; without one, {@link InputStream#readNBytes(int)}.
 * The call's deadline bounds the reading through the transport.
 */
final class BodyReader {
  /** Largest Content-Length taken as a size hint; a bigger (or lying) header just means reading in steps. */
  private static final int MAX_LENGTH_HINT = 8 * 1024 * 1024;

  private BodyReader() {
  }

  /**
   * Reads a body to its end, or its first {@code max} bytes.
   *
   * @param in the body
   * @param max the most bytes to read
   * @param headers the response headers (for Content-Length), or null
   * @return the bytes
   * @throws IOException when reading fails
   */
  static byte[] readAll(InputStream in, long max, HttpHeaders headers) throws IOException {
    int limit = (int) Math.min(max, Integer.MAX_VALUE - 8);
    long hint = contentLength(headers);
    if (hint < 0 || hint > Math.min(limit, MAX_LENGTH_HINT)) {
      return in.readNBytes(limit);
    }
    byte[] exact = new byte[(int) hint];
    int n = in.readNBytes(exact, 0, exact.length);
    if (n < exact.length) {
      return Arrays.copyOf(exact, n); // the body was shorter than announced
    }
    if (n == limit) {
      return exact;
    }
    int next = in.read();
    if (next < 0) {
      return exact;
    }
    // longer than announced: keep reading up to the limit
    byte[] rest = in.readNBytes(limit - n - 1);
    byte[] all = Arrays.copyOf(exact, n + 1 + rest.length);
    all[n] = (byte) next;
    System.arraycopy(rest, 0, all, n + 1, rest.length);
    return all;
  }

  private static long contentLength(HttpHeaders headers) {
    if (headers == null) {
      return -1;
    }
    String v = headers.first("Content-Length").orElse(null);
    if (v == null) {
      return -1;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
