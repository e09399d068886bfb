package dev.ailib.core.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SseFrameReaderTest {

  @Test
  void readsDataLinesAcrossLineEndingsAndEventLines() throws IOException {
    String body = "event: message_start\r\ndata: {\"a\":1}\r\n\r\n: comment\ndata:{\"b\":2}\n\ndata: x\ndata: y\n\n"
        + "data: [DONE]";
    SseFrameReader r = new SseFrameReader(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    assertThat(r.next()).isEqualTo("{\"a\":1}");
    assertThat(r.next()).isEqualTo("{\"b\":2}");
    assertThat(r.next()).isEqualTo("x\ny");
    assertThat(r.next()).isEqualTo("[DONE]");
    assertThat(r.next()).isNull();
  }

  @Test
  void utf8SplitAcrossReadsIsDecoded() throws IOException {
    byte[] bytes = "data: {\"t\":\"é✓\"}\n\n".getBytes(StandardCharsets.UTF_8);
    InputStream oneByteAtATime = new InputStream() {
      int i;

      @Override
      public int read() {
        return i < bytes.length ? bytes[i++] & 0xff : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (i >= bytes.length) {
          return -1;
        }
        b[off] = bytes[i++];
        return 1;
      }
    };
    assertThat(new SseFrameReader(oneByteAtATime).next()).isEqualTo("{\"t\":\"é✓\"}");
  }
}
