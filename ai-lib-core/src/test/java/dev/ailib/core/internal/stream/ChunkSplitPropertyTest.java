package dev.ailib.core.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.api.FinishReason;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.ToolCall;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Property: any split of a stream into chunks, including inside a UTF-8 character or a CRLF pair, yields exactly
 * the events of the unsplit stream. Seeded, bounded: 150 random splits per stream.
 */
class ChunkSplitPropertyTest {
  private static final int SPLITS = 150;

  @ParameterizedTest(name = "{0} through {1} as {2}")
  @CsvSource({
      "openai-chat.sse, chat-completions.yaml, ",
      "anthropic.sse, messages.yaml, ",
      "gemini.json, generate-content.yaml, json_array",
      "gemini.ndjson, generate-content.yaml, ndjson"
  })
  void anySplitGivesTheSameEvents(String resource, String manifest, String format) throws IOException {
    byte[] body = read(resource);
    StreamPipeline p = TestSpecs.pipeline(manifest);
    if (format != null) {
      p = StreamPipeline.create(StreamMappingTest.withFormat(p, format), null,
          TestSpecs.termination(TestSpecs.manifest(manifest)));
    }
    List<StreamingEvent> whole = run(p, body, new int[0]);
    checkSensible(resource, whole);

    List<Integer> insideChars = new ArrayList<>();
    for (int i = 1; i < body.length; i++) {
      if ((body[i] & 0xC0) == 0x80 || (body[i] == '\n' && body[i - 1] == '\r')) {
        insideChars.add(i);
      }
    }
    assertThat(insideChars).as("the stream has multi-byte characters or CRLF pairs to split").isNotEmpty();
    for (int seed = 0; seed < SPLITS; seed++) {
      Random r = new Random(seed);
      TreeSet<Integer> cuts = new TreeSet<>();
      int n = 1 + r.nextInt(Math.min(body.length - 1, seed % 10 == 0 ? body.length - 1 : 40));
      for (int i = 0; i < n; i++) {
        cuts.add(1 + r.nextInt(body.length - 1));
      }
      for (int i = 0; i < 3; i++) {
        cuts.add(insideChars.get(r.nextInt(insideChars.size())));
      }
      int[] at = cuts.stream().mapToInt(Integer::intValue).toArray();
      assertThat(run(p, body, at)).as("seed %d, %d cuts", seed, at.length).isEqualTo(whole);
    }
    // every byte its own chunk
    int[] all = new int[body.length - 1];
    for (int i = 0; i < all.length; i++) {
      all[i] = i + 1;
    }
    assertThat(run(p, body, all)).isEqualTo(whole);
  }

  private static void checkSensible(String resource, List<StreamingEvent> events) {
    String text = events.stream().filter(StreamingEvent::isContentDelta).map(e -> e.asContentDelta().text())
        .collect(Collectors.joining());
    assertThat(text).doesNotContain("\ufffd").contains("日本語の", "🚀🎉").isNotEmpty();
    StreamingEvent last = events.get(events.size() - 1);
    assertThat(last.isStreamEnd()).as("%s ends normally: %s", resource, last).isTrue();
    if (resource.startsWith("openai")) {
      assertThat(events).contains(new StreamingEvent.ToolCallEnded(0, 0,
          new ToolCall("call_1", "lookup", "{\"q\":\"café ☕\"}")));
      assertThat(last.asStreamEnd().finishReason()).isEqualTo(FinishReason.TOOL_USE);
    }
    if (resource.startsWith("anthropic")) {
      assertThat(events).contains(new StreamingEvent.ThinkingDelta("Überlegen… 考える", 0),
          new StreamingEvent.ToolCallEnded(0, 2, new ToolCall("toolu_9", "search", "{\"q\": \"naïve 🚀\"}")));
    }
    if (resource.startsWith("gemini")) {
      assertThat(last.asStreamEnd().finishReason()).isEqualTo(FinishReason.END_TURN);
      assertThat(text).endsWith("末尾");
    }
  }

  static List<StreamingEvent> run(StreamPipeline p, byte[] body, int[] cuts) {
    AtomicInteger ids = new AtomicInteger();
    StreamSession s = p.newSession(() -> "gen_" + ids.incrementAndGet());
    List<StreamingEvent> out = new ArrayList<>();
    int from = 0;
    for (int cut : cuts) {
      s.onBytes(body, from, cut - from, out::add);
      from = cut;
    }
    s.onBytes(body, from, body.length - from, out::add);
    s.finish(out::add);
    return out;
  }

  static byte[] read(String resource) throws IOException {
    try (InputStream in = ChunkSplitPropertyTest.class.getResourceAsStream("/streams/" + resource)) {
      assertThat(in).as("test resource %s", resource).isNotNull();
      return in.readAllBytes();
    }
  }
}
