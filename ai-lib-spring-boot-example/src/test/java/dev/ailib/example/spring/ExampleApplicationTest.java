package dev.ailib.example.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.api.AiClient;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.RecordedRequest;
import dev.ailib.testkit.fake.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The example application on a real port: an HTTP request to {@code /chat} makes the auto-configured client call a
 * {@link FakeProvider} over HTTP. The same test runs on Spring Boot 3.5 (here) and 4.0 (ai-lib-spring-boot4-tests).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExampleApplicationTest {
  static final FakeProvider FAKE = FakeProvider.start();

  @DynamicPropertySource
  static void pointAtTheFake(DynamicPropertyRegistry registry) {
    registry.add("ailib.base-url", FAKE::baseUrl);
    registry.add("ailib.api-keys.openai", () -> "sk-example-test");
    registry.add("ailib.resilience.max-retries", () -> "0");
  }

  @AfterAll
  static void stopFake() {
    FAKE.close();
  }

  @LocalServerPort
  int port;

  @Autowired
  ApplicationContext context;

  @Test
  void postChatAnswersThroughTheAutoConfiguredClient() throws Exception {
    FAKE.enqueue(Reply.text("Hello from the fake, via Spring"));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/chat"))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString("Say hello")).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as("body: %s", response.body()).isEqualTo(200);
    assertThat(response.body()).contains("\"content\":\"Hello from the fake, via Spring\"")
        .contains("\"model\":\"openai/gpt-4o-mini\"").contains("\"finishReason\":\"end_turn\"");
    RecordedRequest sent = FAKE.takeRequest(Duration.ofSeconds(10));
    assertThat(sent.jsonAt("model")).isEqualTo("gpt-4o-mini");
    assertThat(sent.jsonAt("messages[1].content")).isEqualTo("Say hello");
    assertThat(sent.header("Authorization")).isEqualTo("Bearer sk-example-test");
    assertThat(context.getBean(AiClient.class).model()).isEqualTo("openai/gpt-4o-mini");
    System.out.println("[example] Spring Boot " + SpringBootVersion.getVersion() + ": /chat answered over HTTP");
  }
}
