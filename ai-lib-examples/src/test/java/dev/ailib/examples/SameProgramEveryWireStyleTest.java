package dev.ailib.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.testkit.fake.RecordedRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * The examples print the same whether the model speaks chat completions or the Responses API: only the model
 * changes, and the requests go to each style's path in each style's shape.
 */
class SameProgramEveryWireStyleTest {
  private static final String CHAT = "openai/gpt-4o-mini";
  private static final String RESPONSES = "openai/gpt-5-pro";

  private record Run(String printed, List<RecordedRequest> requests) {
  }

  private static Run run(String model, dev.ailib.testkit.fake.Reply[] replies,
      BiConsumer<ExampleTarget, PrintStream> program) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ExampleTarget target = ExampleTarget.fake(model, replies);
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      program.accept(target, out);
      return new Run(bytes.toString(StandardCharsets.UTF_8), target.fake().requests());
    }
  }

  @Test
  void theToolRoundTripPrintsTheSameThroughBothStyles() {
    Run chat = run(CHAT, ToolCallRoundTrip.replies(), ToolCallRoundTrip::run);
    Run responses = run(RESPONSES, ToolCallRoundTrip.replies(), ToolCallRoundTrip::run);
    assertThat(chat.printed()).contains("get_weather").contains("tool_use")
        .contains("answer: It is 18 degrees and sunny in Paris. (end_turn)");
    assertThat(responses.printed()).isEqualTo(chat.printed());
    assertThat(chat.requests()).extracting(RecordedRequest::path).containsOnly("/chat/completions");
    assertThat(responses.requests()).extracting(RecordedRequest::path).containsOnly("/responses");
    assertThat(chat.requests().get(1).jsonString("messages[2].tool_call_id")).isEqualTo("call_1");
    assertThat(responses.requests().get(1).jsonString("input[2].type")).isEqualTo("function_call_output");
    assertThat(responses.requests().get(1).jsonString("input[2].call_id")).isEqualTo("call_1");
  }

  @Test
  void theQuickStartStreamsTheSameThroughBothStyles() {
    Run chat = run(CHAT, new dev.ailib.testkit.fake.Reply[] {QuickStart.reply()},
        (t, out) -> QuickStart.run(t, out, false));
    Run responses = run(RESPONSES, new dev.ailib.testkit.fake.Reply[] {QuickStart.reply()},
        (t, out) -> QuickStart.run(t, out, false));
    assertThat(chat.printed()).contains("ai-lib streams every provider through one API.")
        .contains("finish reason: end_turn").contains("usage: ");
    assertThat(responses.printed()).isEqualTo(chat.printed());
    assertThat(responses.requests().get(0).jsonString("instructions")).isEqualTo("You are concise.");
    assertThat(chat.requests().get(0).jsonString("messages[0].role")).isEqualTo("system");
  }
}
