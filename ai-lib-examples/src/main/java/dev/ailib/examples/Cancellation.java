package dev.ailib.examples;

import dev.ailib.api.AiClient;
import dev.ailib.api.CancelToken;
import dev.ailib.api.ChatStream;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.error.AiLibException;
import dev.ailib.testkit.fake.Reply;

/** Cancels a stream from another thread after the first words; the HTTP exchange closes at once. */
public final class Cancellation {
  private Cancellation() {
  }

  /**
   * Runs the example.
   *
   * @param args optional: the model, such as openai/gpt-5-pro (see ExampleTarget)
   */
  public static void main(String[] args) {
    Reply endless = Reply.streamedText("one ", "two ", "three ", "four ", "five ").stallAfterEvents(3);
    try (ExampleTarget target = ExampleTarget.open(args, endless);
        AiClient client = target.clientBuilder().build()) {
      CancelToken cancel = new CancelToken();
      int received = 0;
      try (ChatStream stream = client.chat().user("Count slowly to one thousand.").stream(cancel)) {
        for (StreamingEvent event : stream) {
          if (event instanceof StreamingEvent.ContentDelta d) {
            System.out.print(d.text());
            if (++received == 2) {
              new Thread(cancel::cancel, "canceller").start();
            }
          }
        }
      } catch (AiLibException e) {
        System.out.println();
        System.out.println("stream ended: " + e.errorType() + " - " + e.getMessage());
      }
    }
  }
}
