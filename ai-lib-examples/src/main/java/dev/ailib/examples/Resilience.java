package dev.ailib.examples;

import dev.ailib.api.AiClient;
import dev.ailib.api.ChatResult;
import dev.ailib.api.ResilientConfig;
import dev.ailib.testkit.fake.Reply;
import java.time.Duration;

/** Two 503s with Retry-After, then success: the retry policy hides the storm and the stats show the attempts. */
public final class Resilience {
  private Resilience() {
  }

  /**
   * Runs the example.
   *
   * @param args optional: the model, such as openai/gpt-5-pro (see ExampleTarget)
   */
  public static void main(String[] args) {
    try (ExampleTarget target = ExampleTarget.open(args,
            Reply.error(503).retryAfterSeconds(1), Reply.error(503).retryAfterSeconds(1), Reply.text("Third time lucky."));
        AiClient client = target.clientBuilder()
            .resilience(ResilientConfig.builder().maxRetries(3).retryAfterCap(Duration.ofSeconds(2))
                .circuitBreakerThreshold(5).maxInflight(10).build())
            .build()) {
      ChatResult result = client.chat().user("Hello?").executeWithStats();
      System.out.println("answer: " + result.response().content());
      System.out.println("attempts: " + result.stats().attempts() + ", latency: " + result.stats().latencyMs() + " ms");
    }
  }
}
