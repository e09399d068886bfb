package dev.ailib.examples;

import dev.ailib.api.AiClient;
import dev.ailib.api.AiClientBuilder;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.Reply;

/**
 * Where an example sends its calls: the real OpenAI API when {@code OPENAI_API_KEY} is set, else a
 * {@link FakeProvider} on 127.0.0.1 answering the scripted replies. Close it after the client.
 */
final class ExampleTarget implements AutoCloseable {
  private static final String REAL_MODEL = "openai/gpt-4o-mini";
  private final FakeProvider fake;

  private ExampleTarget(FakeProvider fake) {
    this.fake = fake;
  }

  /**
   * Opens a target; the replies are used only by the fake provider.
   *
   * @param scripted the fake provider's replies, in order
   * @return the target
   */
  static ExampleTarget open(Reply... scripted) {
    if (System.getenv("OPENAI_API_KEY") != null && !System.getenv("OPENAI_API_KEY").isBlank()) {
      return new ExampleTarget(null);
    }
    FakeProvider fake = FakeProvider.start();
    fake.enqueue(scripted);
    return new ExampleTarget(fake);
  }

  /** A client builder aimed at this target. */
  AiClientBuilder clientBuilder() {
    AiClientBuilder b = AiClient.builder().model(REAL_MODEL);
    if (fake != null) {
      b.baseUrl(fake.baseUrl()).apiKey("fake-key-for-examples");
    }
    return b;
  }

  /** The fake provider, or null when talking to the real API. */
  FakeProvider fake() {
    return fake;
  }

  /** A one-line description for the examples' output. */
  String describe() {
    return fake == null ? "real provider (" + REAL_MODEL + ")" : "embedded FakeProvider at " + fake.baseUrl();
  }

  @Override
  public void close() {
    if (fake != null) {
      fake.close();
    }
  }
}
