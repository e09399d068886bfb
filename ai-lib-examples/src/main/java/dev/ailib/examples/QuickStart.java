package dev.ailib.examples;

import dev.ailib.api.AiClient;
import dev.ailib.api.ChatStream;
import dev.ailib.api.StreamingEvent;
import dev.ailib.testkit.fake.Reply;

/** The README's main example: streams an answer and prints it as it arrives, then the call's figures. */
public final class QuickStart {
  private QuickStart() {
  }

  /**
   * Runs the example.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    Reply reply = Reply.streamedText("ai-lib ", "streams ", "every ", "provider ", "through ", "one ", "API.")
        .usage(Reply.Usage.of(12, 7));
    try (ExampleTarget target = ExampleTarget.open(reply);
        AiClient client = target.clientBuilder().build()) {
      System.out.println("Talking to " + target.describe());
      try (ChatStream stream = client.chat()
          .system("You are concise.")
          .user("Say in one sentence what ai-lib does.")
          .maxTokens(100)
          .stream()) {
        boolean midLine = false;
        for (StreamingEvent event : stream) {
          if (event instanceof StreamingEvent.ContentDelta delta) {
            System.out.print(delta.text());
            System.out.flush();
            midLine = true;
            continue;
          }
          if (midLine) {
            System.out.println();
            midLine = false;
          }
          if (event instanceof StreamingEvent.UsageReport usage) {
            System.out.println("usage: " + usage.usage());
          } else if (event instanceof StreamingEvent.StreamEnd end) {
            System.out.println("finish reason: " + end.finishReason().wireName() + " (raw: " + end.rawFinishReason() + ")");
          }
        }
        stream.stats().ifPresent(s -> System.out.println("stats: " + s));
      }
    }
  }
}
