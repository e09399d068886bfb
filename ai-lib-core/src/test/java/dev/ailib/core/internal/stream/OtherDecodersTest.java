package dev.ailib.core.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.error.ProtocolException;
import dev.ailib.core.spi.manifest.StreamingSpec.DecoderSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtherDecodersTest {

  private static FrameDecoder of(String format) {
    return FrameDecoder.create(new DecoderSpec(format, null, null, null, null), DecoderLimits.DEFAULT);
  }

  private static List<String> bytewise(FrameDecoder d, String all) {
    byte[] b = all.getBytes(StandardCharsets.UTF_8);
    List<Frame> out = new ArrayList<>();
    for (int i = 0; i < b.length; i++) {
      d.feed(b, i, 1, out::add);
    }
    d.end(out::add);
    List<String> s = new ArrayList<>();
    out.forEach(f -> s.add(f.json().toString()));
    return s;
  }

  private static List<String> whole(FrameDecoder d, String all) {
    byte[] b = all.getBytes(StandardCharsets.UTF_8);
    List<Frame> out = new ArrayList<>();
    d.feed(b, 0, b.length, out::add);
    d.end(out::add);
    List<String> s = new ArrayList<>();
    out.forEach(f -> s.add(f.json().toString()));
    return s;
  }

  @Test
  void ndjsonLinesWithAnyEnding() {
    String in = "{\"a\":1}\n{\"a\":\"\u4e16\"}\r\n\n  \r{\"a\":3}";
    assertThat(whole(of("ndjson"), in)).containsExactly("{\"a\":1}", "{\"a\":\"\u4e16\"}", "{\"a\":3}");
    assertThat(bytewise(of("ndjson"), in)).containsExactly("{\"a\":1}", "{\"a\":\"\u4e16\"}", "{\"a\":3}");
  }

  @Test
  void ndjsonBadLineSaysWhichLine() {
    assertThatThrownBy(() -> whole(of("ndjson"), "{\"a\":1}\n{\"a\":\n")).isInstanceOf(ProtocolException.class)
        .hasMessageContaining("NDJSON stream: line 2");
  }

  @Test
  void jsonArrayInPieces() {
    String in = "[{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a}]{\\\"\"}]}}]}\n,\r\n"
        + "{\"b\":[1,[2,{\"c\":\"\u00e9\\\\\"}]]}\n]";
    List<String> expected = List.of("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a}]{\\\"\"}]}}]}",
        "{\"b\":[1,[2,{\"c\":\"\u00e9\\\\\"}]]}");
    assertThat(whole(of("json_array"), in)).containsExactlyElementsOf(expected);
    assertThat(bytewise(of("json_array"), in)).containsExactlyElementsOf(expected);
    FrameDecoder d = of("json_array");
    whole(d, in);
    assertThat(d.doneReceived()).isTrue();
  }

  @Test
  void jsonArrayAcceptsBareObjectsAndEmptyArrays() {
    assertThat(whole(of("json_array"), "{\"a\":1}{\"a\":2}")).containsExactly("{\"a\":1}", "{\"a\":2}");
    assertThat(whole(of("json_array"), " [ ] ")).isEmpty();
  }

  @Test
  void sseAcceptsCrLfAndSignalsDoneAndNdjsonSplitsLines() {
    FrameDecoder sse = of("sse");
    assertThat(whole(sse, "data: {\"a\":1}\r\n\r\ndata: {\"a\":2}\n\ndata: [DONE]\n\n"))
        .containsExactly("{\"a\":1}", "{\"a\":2}");
    assertThat(sse.doneReceived()).isTrue();
    assertThat(whole(of("ndjson"), "{\"x\":1}\n{\"x\":2}")).containsExactly("{\"x\":1}", "{\"x\":2}");
  }

  @Test
  void jsonArrayErrors() {
    assertThatThrownBy(() -> whole(of("json_array"), "[{\"a\":1},x]")).isInstanceOf(ProtocolException.class)
        .hasMessageContaining("at byte 10").hasMessageContaining("expected '{'");
    assertThatThrownBy(() -> whole(of("json_array"), "[{\"a\":1")).isInstanceOf(ProtocolException.class)
        .hasMessageContaining("ended inside element 1");
    assertThatThrownBy(() -> whole(of("json_array"), "[{\"a\":1}] {")).isInstanceOf(ProtocolException.class)
        .hasMessageContaining("after the end of the array");
    FrameDecoder small = FrameDecoder.create(new DecoderSpec("json_array", null, null, null, null),
        new DecoderLimits(64, 16));
    assertThatThrownBy(() -> whole(small, "[{\"a\":\"0123456789abcdef\"}]")).isInstanceOf(ProtocolException.class)
        .hasMessageContaining("larger than the limit of 16 bytes");
  }
}
