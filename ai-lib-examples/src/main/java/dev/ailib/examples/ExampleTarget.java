package dev.ailib.examples;

import dev.ailib.api.AiClient;
import dev.ailib.api.AiClientBuilder;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.Reply;

/**
 * Where an example sends its calls: the real OpenAI API when {@code OPENAI_API_KEY} is set, else a
 * {@link FakeProvider} on 127.0.0.1 answering the scripted replies. Close it after the client.
 *
 * <p>The model is the program's first argument, else the system property {@value #MODEL_PROPERTY}, else
 * {@value #DEFAULT_MODEL}. Changing only the model changes the wire style when the manifest says so: with the
 * bundled manifests {@code openai/gpt-4o-mini} speaks chat completions and {@code openai/gpt-5-pro} the Responses
 * API, and the examples print the same.
 */
final class ExampleTarget implements AutoCloseable {
  /** The system property that names the model. */
  static final String MODEL_PROPERTY = "ailib.example.model";
  /** The model when none is given. */
  static final String DEFAULT_MODEL = "openai/gpt-4o-mini";

  private final String model;
  private final FakeProvider fake;

  private ExampleTarget(String model, FakeProvider fake) {
    this.model = model;
    this.fake = fake;
  }

  /**
   * Opens a target; the replies are used only by the fake provider.
   *
   * @param args the program's arguments: the first, when present, is the model
   * @param scripted the fake provider's replies, in order
   * @return the target
   */
  static ExampleTarget open(String[] args, Reply... scripted) {
    String model = args.length > 0 && !args[0].isBlank() ? args[0].strip()
        : System.getProperty(MODEL_PROPERTY, DEFAULT_MODEL);
    if (System.getenv("OPENAI_API_KEY") != null && !System.getenv("OPENAI_API_KEY").isBlank()) {
      return new ExampleTarget(model, null);
    }
    return fake(model, scripted);
  }

  /**
   * Opens a target for an example whose arguments mean something else: the model is the system property's or the
   * default.
   *
   * @param scripted the fake provider's replies, in order
   * @return the target
   */
  static ExampleTarget open(Reply... scripted) {
    return open(new String[0], scripted);
  }

  /**
   * A target on a new FakeProvider, whatever the environment says (for tests of the examples).
   *
   * @param model the model
   * @param scripted the replies, in order
   * @return the target
   */
  static ExampleTarget fake(String model, Reply... scripted) {
    FakeProvider fake = FakeProvider.start();
    fake.enqueue(scripted);
    return new ExampleTarget(model, fake);
  }

  /** A client builder aimed at this target. */
  AiClientBuilder clientBuilder() {
    AiClientBuilder b = AiClient.builder().model(model);
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
    return fake == null ? "real provider (" + model + ")" : model + " on the embedded FakeProvider at "
        + fake.baseUrl();
  }

  @Override
  public void close() {
    if (fake != null) {
      fake.close();
    }
  }
}
