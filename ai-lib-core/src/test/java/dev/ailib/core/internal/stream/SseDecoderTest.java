package dev.ailib.core.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.error.ProtocolException;
import dev.ailib.core.spi.manifest.StreamingSpec.DecoderSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseDecoderTest {

  private static FrameDecoder sse(String done) {
    return FrameDecoder.create(new DecoderSpec("sse", null, "data: ", "\n\n", done), DecoderLimits.DEFAULT);
  }

  private static List<Frame> decode(FrameDecoder d, String... chunks) {
    List<Frame> out = new ArrayList<>();
    for (String c : chunks) {
      byte[] b = c.getBytes(StandardCharsets.UTF_8);
      d.feed(b, 0, b.length, out::add);
    }
    d.end(out::add);
    return out;
  }

  private static List<Frame> decodeBytes(FrameDecoder d, byte[] all, int... cuts) {
    List<Frame> out = new ArrayList<>();
    int from = 0;
    for (int cut : cuts) {
      d.feed(all, from, cut - from, out::add);
      from = cut;
    }
    d.feed(all, from, all.length - from, out::add);
    d.end(out::add);
    return out;
  }

  @Test
  void lfCrlfAndCrLineEndings() {
    for (String nl : new String[] {"\n", "\r\n", "\r"}) {
      List<Frame> f = decode(sse("[DONE]"), "data: {\"a\":1}" + nl + nl + "data: {\"a\":2}" + nl + nl);
      assertThat(f).as("line ending %s", nl.replace("\r", "CR").replace("\n", "LF"))
          .extracting(x -> x.json().get("a").intValue()).containsExactly(1, 2);
    }
    // mixed, with a CRLF pair split across chunks
    List<Frame> f = decode(sse(null), "data: {\"a\":1}\r", "\n\r", "\ndata: {\"a\":2}\n\r\n");
    assertThat(f).extracting(x -> x.json().get("a").intValue()).containsExactly(1, 2);
  }

  @Test
  void dataWithAndWithoutSpace() {
    List<Frame> f = decode(sse(null), "data:{\"a\":1}\n\ndata: {\"a\":2}\n\ndata:  {\"a\":3}\n\n");
    assertThat(f).extracting(x -> x.json().get("a").intValue()).containsExactly(1, 2, 3);
  }

  @Test
  void multiLineDataIsJoinedWithNewline() {
    List<Frame> f = decode(sse(null), "data: {\"a\":\ndata: [1,\ndata: 2]}\n\n");
    assertThat(f).hasSize(1);
    assertThat(f.get(0).json().get("a").toString()).isEqualTo("[1,2]");
    // the joined text really has the newlines: a string spanning lines is invalid JSON, so check via an error
    assertThatThrownBy(() -> decode(sse(null), "data: {\"a\":\"x\ndata: y\"}\n\n"))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("not valid JSON");
  }

  @Test
  void eventIdAndRetryAreKept() {
    List<Frame> f = decode(sse(null), "event: content_block_delta\nid: 42\nretry: 1500\ndata: {\"t\":1}\n\n"
        + "data: {\"t\":2}\n\n");
    assertThat(f).hasSize(2);
    assertThat(f.get(0).event()).isEqualTo("content_block_delta");
    assertThat(f.get(0).id()).isEqualTo("42");
    assertThat(f.get(0).retryMillis()).isEqualTo(1500);
    // the event name belongs to one event; the last id persists, as the SSE standard says
    assertThat(f.get(1).event()).isNull();
    assertThat(f.get(1).id()).isEqualTo("42");
  }

  @Test
  void framesThatStartWithEventAreKept() {
    List<Frame> f = decode(sse(null), "event: message_start\ndata: {\"type\":\"message_start\"}\n\n");
    assertThat(f).singleElement().satisfies(x -> assertThat(x.json().get("type").asText()).isEqualTo("message_start"));
  }

  @Test
  void commentsAndUnknownFieldsAreIgnored() {
    List<Frame> f = decode(sse(null), ": OPENROUTER PROCESSING\n\n:keep-alive\nfoo: bar\ndata: {\"a\":1}\n\n");
    assertThat(f).extracting(x -> x.json().get("a").intValue()).containsExactly(1);
  }

  @Test
  void doneSignalEndsTheStreamAndLaterBytesAreIgnored() {
    FrameDecoder d = sse("[DONE]");
    List<Frame> f = decode(d, "data: {\"a\":1}\n\ndata: [DONE]\n\ndata: {\"a\":2}\n\n");
    assertThat(f).hasSize(1);
    assertThat(d.doneReceived()).isTrue();
    // [DONE] is recognised even when the manifest names no done signal
    FrameDecoder d2 = sse(null);
    assertThat(decode(d2, "data: [DONE]\n\n")).isEmpty();
    assertThat(d2.doneReceived()).isTrue();
    // a custom done signal, and one given as an event name
    FrameDecoder d3 = sse("done");
    assertThat(decode(d3, "data: {\"a\":1}\n\nevent: done\ndata: {}\n\ndata: {\"a\":2}\n\n")).hasSize(1);
    assertThat(d3.doneReceived()).isTrue();
    FrameDecoder d4 = sse(null);
    decode(d4, "data: {\"a\":1}\n\n");
    assertThat(d4.doneReceived()).isFalse();
  }

  @Test
  void utf8SplitInsideACharacterAtEveryPosition() {
    String text = "h\u00e9\u4e16\ud83d\ude00!"; // 1, 2, 3 and 4 byte characters
    byte[] all = ("data: {\"t\":\"" + text + "\"}\n\n").getBytes(StandardCharsets.UTF_8);
    for (int cut = 1; cut < all.length; cut++) {
      List<Frame> f = decodeBytes(sse(null), all, cut);
      assertThat(f).as("cut at %d", cut).singleElement()
          .satisfies(x -> assertThat(x.json().get("t").asText()).isEqualTo(text));
    }
    // every byte its own chunk
    FrameDecoder d = sse(null);
    List<Frame> out = new ArrayList<>();
    for (int i = 0; i < all.length; i++) {
      d.feed(all, i, 1, out::add);
    }
    d.end(out::add);
    assertThat(out).singleElement().satisfies(x -> assertThat(x.json().get("t").asText()).isEqualTo(text));
    assertThat(out.get(0).json().get("t").asText()).doesNotContain("\ufffd");
  }

  @Test
  void unterminatedLastEventIsFlushedAtEnd() {
    assertThat(decode(sse(null), "data: {\"a\":1}")).hasSize(1);
    assertThat(decode(sse(null), "data: {\"a\":1}\n")).hasSize(1);
  }

  @Test
  void byteOrderMarkAndBlankDataAreSkipped() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] rest = "data: {\"a\":1}\n\ndata:\n\ndata:   \n\n".getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[bom.length + rest.length];
    System.arraycopy(bom, 0, all, 0, 3);
    System.arraycopy(rest, 0, all, 3, rest.length);
    assertThat(decodeBytes(sse(null), all, 2)).hasSize(1);
  }

  @Test
  void linesAndFramesAreBounded() {
    FrameDecoder small = FrameDecoder.create(new DecoderSpec("sse", null, null, null, null), new DecoderLimits(64, 100));
    String longLine = "data: {\"a\":\"" + "x".repeat(100) + "\"}\n\n";
    assertThatThrownBy(() -> decode(small, longLine)).isInstanceOf(ProtocolException.class)
        .hasMessageContaining("line 1 is longer than the limit of 64 bytes");
    FrameDecoder small2 = FrameDecoder.create(new DecoderSpec("sse", null, null, null, null),
        new DecoderLimits(64, 100));
    String manyLines = "data: \"" + "y".repeat(40) + "\n".repeat(1) + "data: " + "z".repeat(40) + "\n"
        + "data: " + "w".repeat(40) + "\n\n";
    assertThatThrownBy(() -> decode(small2, manyLines)).isInstanceOf(ProtocolException.class)
        .hasMessageContaining("more than the limit of 100 bytes of data");
  }

  @Test
  void malformedJsonSaysWhere() {
    assertThatThrownBy(() -> decode(sse(null), "data: {\"a\":1}\n\ndata: {oops}\n\n"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("SSE stream: event 2")
        .hasMessageContaining("not valid JSON")
        .hasMessageContaining("{oops}");
  }

  @Test
  void unknownFormatIsAnError() {
    assertThatThrownBy(() -> FrameDecoder.create(new DecoderSpec("carrier_pigeon", null, null, null, null),
        DecoderLimits.DEFAULT)).isInstanceOf(ProtocolException.class).hasMessageContaining("carrier_pigeon");
    assertThat(FrameDecoder.create(new DecoderSpec("anthropic_sse", null, null, null, null), DecoderLimits.DEFAULT))
        .isInstanceOf(SseDecoder.class);
    assertThat(FrameDecoder.create(new DecoderSpec("ndjson", null, null, null, null), DecoderLimits.DEFAULT))
        .isInstanceOf(NdjsonDecoder.class);
    assertThat(FrameDecoder.create(new DecoderSpec("json_array", null, null, null, null), DecoderLimits.DEFAULT))
        .isInstanceOf(JsonArrayDecoder.class);
  }
}
