package dev.ailib.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.core.spi.Environment;
import dev.ailib.spring.boot.autoconfigure.health.AiLibHealthIndicator;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.Reply;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The optional {@code ailib} health indicator (Spring Boot 3's Actuator API on this class path). */
class HealthIndicatorTest {
  private final FakeProvider fake = FakeProvider.start();

  @AfterEach
  void close() {
    fake.close();
  }

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AiLibAutoConfiguration.class))
        .withBean("noEnvironment", AiClientBuilderCustomizer.class,
            () -> (name, b) -> b.component(Environment.of(Map.of())))
        .withPropertyValues("ailib.model=openai/gpt-4o", "ailib.base-url=" + fake.baseUrl(),
            "ailib.api-keys.openai=sk-health", "ailib.resilience.max-retries=0");
  }

  @Test
  void offByDefault() {
    runner().run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean("ailibHealthIndicator"));
    assertThat(fake.requestCount()).as("no request at start-up").isZero();
  }

  @Test
  void upWhenTheModelAnswersDownWithTheErrorCodeWhenNot() {
    runner().withPropertyValues("ailib.health.enabled=true").run(ctx -> {
      AiLibHealthIndicator indicator = ctx.getBean("ailibHealthIndicator", AiLibHealthIndicator.class);
      fake.enqueue(Reply.text("pong"));
      Health up = indicator.health();
      assertThat(up.getStatus()).isEqualTo(Status.UP);
      assertThat(up.getDetails()).containsEntry("model", "openai/gpt-4o").containsKey("latencyMs");
      assertThat(fake.takeRequest().jsonAt("messages[0].content")).isEqualTo("ping");

      fake.enqueue(Reply.error(401));
      Health down = indicator.health();
      assertThat(down.getStatus()).isEqualTo(Status.DOWN);
      assertThat(String.valueOf(down.getDetails().get("error"))).contains("authentication");
      assertThat(down.toString()).doesNotContain("sk-health");
    });
  }

  @Test
  void enabledWithoutAClientFailsStartupSayingWhy() {
    new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AiLibAutoConfiguration.class))
        .withPropertyValues("ailib.health.enabled=true")
        .run(ctx -> assertThat(AiLibAutoConfigurationTest.fullMessage(ctx.getStartupFailure()))
            .contains("ailib.health.enabled=true").contains("ailib.model"));
  }
}
