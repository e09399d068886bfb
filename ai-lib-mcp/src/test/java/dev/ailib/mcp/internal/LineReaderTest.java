package dev.ailib.mcp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {

  private static List<String> lines(String text, int max) throws IOException {
    LineReader r = new LineReader(new StringReader(text), max);
    List<String> out = new ArrayList<>();
    for (String line = r.next(); line != null; line = r.next()) {
      out.add(line);
    }
    return out;
  }

  @Test
  void splitsOnNewlinesDroppingCarriageReturns() throws IOException {
    assertThat(lines("a\nbc\r\n\nlast", 100)).containsExactly("a", "bc", "", "last");
    assertThat(lines("", 100)).isEmpty();
    assertThat(lines("only\n", 100)).containsExactly("only");
  }

  @Test
  void linesLongerThanTheBufferAreWhole() throws IOException {
    String big = "x".repeat(20_000);
    assertThat(lines(big + "\n" + big, 20_000)).containsExactly(big, big);
  }

  @Test
  void aLineOverTheLimitFails() {
    assertThatThrownBy(() -> lines("12345\n123456\n", 5)).isInstanceOf(LineReader.TooLongException.class);
    assertThatThrownBy(() -> lines("y".repeat(10_000), 9_999)).isInstanceOf(LineReader.TooLongException.class);
  }
}
