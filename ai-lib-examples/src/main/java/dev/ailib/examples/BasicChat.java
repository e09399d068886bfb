package dev.ailib.examples;

import dev.ailib.api.AiClient;
import dev.ailib.api.ChatResult;
import dev.ailib.testkit.fake.Reply;

/** One question, one answer, with the call's figures. */
public final class BasicChat {
  private BasicChat() {
  }

  /**
   * Runs the example.
   *
   * @param args optional: the model, such as openai/gpt-5-pro (see ExampleTarget)
   */
  public static void main(String[] args) {
    try (ExampleTarget target = ExampleTarget.open(args, Reply.text("Paris.").usage(Reply.Usage.of(9, 2)));
        AiClient client = target.clientBuilder().build()) {
      ChatResult result = client.chat().user("What is the capital of France? One word.").temperature(0.2)
          .executeWithStats();
      System.out.println("answer: " + result.response().content());
      System.out.println("finish: " + result.response().finishReason() + ", usage: " + result.response().usage());
      System.out.println("stats:  " + result.stats());
    }
  }
}
