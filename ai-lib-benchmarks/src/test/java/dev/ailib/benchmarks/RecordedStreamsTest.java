package dev.ailib.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordedStreamsTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void sameSeedSameBytes() {
    assertThat(RecordedStreams.of(500).openAiSse()).isEqualTo(RecordedStreams.of(500).openAiSse());
    assertThat(RecordedStreams.of(500).anthropicSse()).isEqualTo(RecordedStreams.of(500).anthropicSse());
  }

  @Test
  void openAiStreamHasTheRealShape() throws IOException {
    RecordedStreams r = RecordedStreams.of(300);
    List<byte[]> frames = LoopbackServer.frames(r.openAiSse());
    // role chunk + 300 content chunks + finish chunk + usage chunk + [DONE]
    assertThat(frames).hasSize(304);
    JsonNode first = json.readTree(payload(frames.get(0)));
    assertThat(first.path("object").asText()).isEqualTo("chat.completion.chunk");
    assertThat(first.path("choices").path(0).path("delta").path("role").asText()).isEqualTo("assistant");
    JsonNode finish = json.readTree(payload(frames.get(301)));
    assertThat(finish.path("choices").path(0).path("finish_reason").asText()).isEqualTo("stop");
    JsonNode usage = json.readTree(payload(frames.get(302)));
    assertThat(usage.path("choices").size()).isZero();
    assertThat(usage.path("usage").path("completion_tokens").asInt()).isEqualTo(300);
    assertThat(payload(frames.get(303))).isEqualTo("[DONE]");
  }

  @Test
  void anthropicStreamHasEventLinesAndEnds() throws IOException {
    List<byte[]> frames = LoopbackServer.frames(RecordedStreams.of(10).anthropicSse());
    assertThat(new String(frames.get(0), StandardCharsets.UTF_8)).startsWith("event: message_start\ndata: ");
    assertThat(frames).hasSize(3 + 10 + 3);
    JsonNode delta = json.readTree(payload(frames.get(frames.size() - 2)));
    assertThat(delta.path("delta").path("stop_reason").asText()).isEqualTo("end_turn");
  }

  @Test
  void textHasMultiByteAndEscapedCharacters() {
    String text = RecordedStreams.of(2000).text();
    assertThat(text).contains("🚀", "数据", "é", "\n", "\"", "\\");
  }

  @Test
  void baselineReassemblesTheText() throws IOException {
    RecordedStreams r = RecordedStreams.of(1000);
    RawBaseline raw = new RawBaseline();
    StringBuilder a = new StringBuilder();
    assertThat(raw.openAi(new ByteArrayInputStream(r.openAiSse()), a::append)).isEqualTo(1001); // role chunk's ""
    assertThat(a.toString()).isEqualTo(r.text());
    StringBuilder b = new StringBuilder();
    assertThat(raw.anthropic(new ByteArrayInputStream(r.anthropicSse()), b::append)).isEqualTo(1000);
    assertThat(b.toString()).isEqualTo(r.text());
    assertThat(raw.openAiReply(r.openAiJson())).isEqualTo(r.text());
  }

  @Test
  void rejectsNoChunks() {
    assertThatThrownBy(() -> RecordedStreams.of(0)).hasMessageContaining("at least 1, was 0");
  }

  @Test
  void textDifferenceNamesThePosition() {
    assertThat(Texts.difference("abc", "abc")).isNull();
    assertThat(Texts.difference("abcdef", "abXdef")).contains("first difference at char 2");
    assertThatThrownBy(() -> Texts.requireSame("x", "a", "b")).hasMessageStartingWith("x produced different text");
  }

  @Test
  void streamingRequestsAreRecognisedHoweverSpaced() {
    assertThat(MemoryTransport.isStreaming("{\"stream\" : true}".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(MemoryTransport.isStreaming("{\"stream\":false}".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(MemoryTransport.isStreaming("{}".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThatThrownBy(() -> MemoryTransport.isStreaming("nope".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("not JSON: nope");
  }

  private static String payload(byte[] frame) {
    String s = new String(frame, StandardCharsets.UTF_8);
    return Arrays.stream(s.split("\n")).filter(l -> l.startsWith("data: ")).findFirst().orElseThrow().substring(6);
  }
}
