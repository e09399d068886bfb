package dev.ailib.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.ailib.core.spi.transport.HttpHeaders;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReadAllTest {
  private static final byte[] BODY = "{\"answer\":\"forty-two\"}".getBytes(StandardCharsets.UTF_8);

  /** Hands out at most 3 bytes per read, as a network body does in pieces. */
  private static InputStream trickle(byte[] b) {
    ByteArrayInputStream in = new ByteArrayInputStream(b);
    return new InputStream() {
      @Override
      public int read() {
        return in.read();
      }

      @Override
      public int read(byte[] dst, int off, int len) {
        return in.read(dst, off, Math.min(len, 3));
      }
    };
  }

  private static HttpHeaders length(String v) {
    return HttpHeaders.of("Content-Length", v);
  }

  @Test
  void readsExactlyTheAnnouncedLength() throws IOException {
    assertArrayEquals(BODY, BodyReader.readAll(trickle(BODY), Long.MAX_VALUE, length("" + BODY.length)));
  }

  @Test
  void readsToTheEndWithoutContentLength() throws IOException {
    assertArrayEquals(BODY, BodyReader.readAll(trickle(BODY), Long.MAX_VALUE, HttpHeaders.EMPTY));
    assertArrayEquals(BODY, BodyReader.readAll(trickle(BODY), Long.MAX_VALUE, null));
  }

  @Test
  void bodyShorterThanAnnouncedIsReturnedAsReceived() throws IOException {
    assertArrayEquals(BODY, BodyReader.readAll(trickle(BODY), Long.MAX_VALUE, length("" + (BODY.length + 50))));
  }

  @Test
  void bodyLongerThanAnnouncedIsReadToTheEnd() throws IOException {
    assertArrayEquals(BODY, BodyReader.readAll(trickle(BODY), Long.MAX_VALUE, length("5")));
  }

  @Test
  void invalidContentLengthIsIgnored() throws IOException {
    assertArrayEquals(BODY, BodyReader.readAll(trickle(BODY), Long.MAX_VALUE, length("many")));
    assertArrayEquals(BODY, BodyReader.readAll(trickle(BODY), Long.MAX_VALUE, length("-3")));
  }

  @Test
  void stopsAtTheLimit() throws IOException {
    byte[] first10 = java.util.Arrays.copyOf(BODY, 10);
    assertArrayEquals(first10, BodyReader.readAll(trickle(BODY), 10, HttpHeaders.EMPTY));
    assertArrayEquals(first10, BodyReader.readAll(trickle(BODY), 10, length("" + BODY.length)));
    assertArrayEquals(first10, BodyReader.readAll(trickle(BODY), 10, length("4")));
  }
}
