package dev.ailib.spring.boot4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.api.AiClient;
import dev.ailib.core.spi.Environment;
import dev.ailib.spring.boot.autoconfigure.AiClientBuilderCustomizer;
import dev.ailib.spring.boot.autoconfigure.AiLibAutoConfiguration;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.Reply;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring Boot 4's default JSON mapper is Jackson 3 ({@code tools.jackson}); ai-lib keeps its own Jackson 2 mapper.
 * Both are on this class path, and a client chats in a context whose JSON bean is Jackson 3's.
 */
class Boot4JacksonTest {
  private final FakeProvider fake = FakeProvider.builder().defaultReply(Reply.toolCall("call_1", "weather",
      "{\"city\":\"Paris\"}")).start();

  /** A value for Boot's mapper. */
  record Sample(String someKey) {
  }

  @AfterEach
  void close() {
    fake.close();
  }

  @Test
  void aClientChatsBesideBootsJackson3Mapper() {
    assertThat(SpringBootVersion.getVersion()).startsWith("4.");
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, AiLibAutoConfiguration.class))
        .withBean("noEnvironment", AiClientBuilderCustomizer.class,
            () -> (name, b) -> b.component(Environment.of(Map.of())))
        .withPropertyValues("ailib.model=openai/gpt-4o", "ailib.base-url=" + fake.baseUrl(),
            "ailib.api-keys.openai=sk-j", "spring.jackson.property-naming-strategy=UPPER_CAMEL_CASE")
        .run(ctx -> {
          assertThat(ctx).hasNotFailed().hasSingleBean(JsonMapper.class);
          assertThat(com.fasterxml.jackson.databind.ObjectMapper.class.getName())
              .as("Jackson 2 is on the class path too").isNotBlank();
          var call = ctx.getBean(AiClient.class).chat().user("weather?").execute().toolCalls().get(0);
          assertThat(call.name()).isEqualTo("weather");
          assertThat(call.argumentsJson()).contains("Paris");
          assertThat(ctx.getBean(JsonMapper.class).writeValueAsString(new Sample("x")))
              .as("Boot's mapper keeps its own settings").isEqualTo("{\"SomeKey\":\"x\"}");
        });
  }
}
