package dev.ailib.example.spring;

import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.Reply;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A web application whose {@code AiClient} comes from the starter ({@code ailib.*} in application.properties).
 * Run it with {@code mvn -pl ai-lib-spring-boot-example -am -Dmaven.test.skip=true package exec:java}, then
 * {@code curl -d 'Say hello' localhost:8080/chat}. Without {@code OPENAI_API_KEY} it starts an embedded
 * {@link FakeProvider} and points {@code ailib.base-url} at it.
 */
@SpringBootApplication
public class ExampleApplication {

  /** For Spring. */
  public ExampleApplication() {
  }

  /**
   * Starts the application.
   *
   * @param args Spring Boot arguments, such as {@code --server.port=0}
   */
  public static void main(String[] args) {
    SpringApplication app = new SpringApplication(ExampleApplication.class);
    String key = System.getenv("OPENAI_API_KEY");
    if (key == null || key.isBlank()) {
      FakeProvider fake = FakeProvider.builder()
          .defaultReply(Reply.text("Hello from the embedded FakeProvider!")).start();
      Runtime.getRuntime().addShutdownHook(new Thread(fake::close, "fake-provider-stop"));
      app.setDefaultProperties(Map.of("ailib.base-url", fake.baseUrl(), "ailib.api-keys.openai", "fake-key"));
    }
    app.run(args);
  }
}
