package dev.ailib.examples;

import dev.ailib.api.AiClient;
import dev.ailib.api.ChatStream;
import dev.ailib.api.StreamingEvent;
import dev.ailib.testkit.fake.Reply;
import java.io.PrintStream;

/**
 * The README's main example: streams an answer and prints it as it arrives, then the call's figures. Give a model
 * as the argument to try another one: {@code openai/gpt-5-pro} streams the same answer through the Responses API.
 */
public final class QuickStart {
  private QuickStart() {
  }

  /** The fake provider's answer. */
  static Reply reply() {
    return Reply.streamedText("ai-lib ", "streams ", "every ", "provider ", "through ", "one ", "API.")
        .usage(Reply.Usage.of(12, 7));
  }

  /**
   * Runs the example.
   *
   * @param args optional: the model, such as openai/gpt-5-pro (see ExampleTarget)
   */
  public static void main(String[] args) {
    try (ExampleTarget target = ExampleTarget.open(args, reply())) {
      System.out.println("Talking to " + target.describe());
      run(target, System.out, true);
    }
  }

  /**
   * Streams the answer, printed to {@code out}.
   *
   * @param target where calls go
   * @param out where the example prints
   * @param stats whether to print the call's figures (timings differ from run to run)
   */
  static void run(ExampleTarget target, PrintStream out, boolean stats) {
    try (AiClient client = target.clientBuilder().build();
        ChatStream stream = client.chat()
            .system("You are concise.")
            .user("Say in one sentence what ai-lib does.")
            .maxTokens(100)
            .stream()) {
      boolean midLine = false;
      for (StreamingEvent event : stream) {
        if (event instanceof StreamingEvent.ContentDelta delta) {
          out.print(delta.text());
          out.flush();
          midLine = true;
          continue;
        }
        if (midLine) {
          out.println();
          midLine = false;
        }
        if (event instanceof StreamingEvent.UsageReport usage) {
          out.println("usage: " + usage.usage());
        } else if (event instanceof StreamingEvent.StreamEnd end) {
          out.println("finish reason: " + end.finishReason().wireName());
        }
      }
      if (stats) {
        stream.stats().ifPresent(s -> out.println("stats: " + s));
      }
    }
  }
}
