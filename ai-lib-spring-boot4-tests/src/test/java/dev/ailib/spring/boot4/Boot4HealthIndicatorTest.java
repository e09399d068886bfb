package dev.ailib.spring.boot4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.core.spi.Environment;
import dev.ailib.spring.boot.autoconfigure.AiClientBuilderCustomizer;
import dev.ailib.spring.boot.autoconfigure.AiLibAutoConfiguration;
import dev.ailib.spring.boot.autoconfigure.health.AiLibBoot4HealthIndicator;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.Reply;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** On Spring Boot 4 the {@code ailib} indicator is the one on Boot 4's health API. */
class Boot4HealthIndicatorTest {
  private final FakeProvider fake = FakeProvider.start();

  @AfterEach
  void close() {
    fake.close();
  }

  @Test
  void upWhenTheModelAnswersDownWhenNotOffByDefault() {
    ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AiLibAutoConfiguration.class))
        .withBean("noEnvironment", AiClientBuilderCustomizer.class,
            () -> (name, b) -> b.component(Environment.of(Map.of())))
        .withPropertyValues("ailib.model=openai/gpt-4o", "ailib.base-url=" + fake.baseUrl(),
            "ailib.api-keys.openai=sk-health", "ailib.resilience.max-retries=0");
    runner.run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean("ailibHealthIndicator"));
    runner.withPropertyValues("ailib.health.enabled=true").run(ctx -> {
      AiLibBoot4HealthIndicator indicator = ctx.getBean("ailibHealthIndicator", AiLibBoot4HealthIndicator.class);
      fake.enqueue(Reply.text("pong"));
      Health up = indicator.health();
      assertThat(up.getStatus()).isEqualTo(Status.UP);
      assertThat(up.getDetails()).containsEntry("model", "openai/gpt-4o");
      fake.enqueue(Reply.error(401));
      assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
    });
  }
}
