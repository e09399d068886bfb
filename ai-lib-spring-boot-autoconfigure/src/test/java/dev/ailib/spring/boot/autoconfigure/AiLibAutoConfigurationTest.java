package dev.ailib.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.AiClient;
import dev.ailib.api.error.CancelledException;
import dev.ailib.core.spi.Environment;
import dev.ailib.core.spi.Interceptor;
import dev.ailib.testkit.fake.FakeProvider;
import dev.ailib.testkit.fake.RecordedRequest;
import dev.ailib.testkit.fake.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The auto-configuration in a real application context: properties, beans, replacement, failures, clients. */
class AiLibAutoConfigurationTest {
  private final FakeProvider fake = FakeProvider.builder().defaultReply(Reply.text("Hello from the fake")).start();

  /** Every test's clients read no real environment variable (no key from the machine running the build). */
  static final AiClientBuilderCustomizer NO_ENVIRONMENT = (name, b) -> b.component(Environment.of(Map.of()));

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AiLibAutoConfiguration.class))
        .withBean("noEnvironment", AiClientBuilderCustomizer.class, () -> NO_ENVIRONMENT);
  }

  private ApplicationContextRunner withFake() {
    return runner().withPropertyValues("ailib.model=openai/gpt-4o", "ailib.base-url=" + fake.baseUrl(),
        "ailib.api-keys.openai=sk-spring-test", "ailib.resilience.max-retries=0");
  }

  @AfterEach
  void close() {
    fake.close();
  }

  @Test
  void propertiesBindInTheirRelaxedForms(@TempDir Path manifests) {
    runner().withPropertyValues("ailib.model=openai/gpt-4o", "ailib.fallbackModels[0]=anthropic/claude-sonnet-4-5",
            "ailib.fallback-models[1]=gemini/gemini-2.5-flash", "ailib.api-keys.openai=sk-a",
            "ailib.api-keys.anthropic=sk-b", "ailib.api-keys.gemini=sk-c",
            "ailib.timeouts.connect=3s", "ailib.timeouts.response_headers=PT20S", "ailib.timeouts.idle=15000ms",
            "ailib.timeouts.call=2m", "ailib.resilience.max-retries=2", "ailib.resilience.rate-limit-rps=12.5",
            "ailib.resilience.circuit-breaker-threshold=7", "ailib.resilience.circuit-breaker-cooldown=30s",
            "ailib.resilience.max-inflight=40", "ailib.resilience.max-inflight-wait=250ms",
            "ailib.resilience.retry-base-delay=100ms", "ailib.resilience.retry-max-delay=5s",
            "ailib.resilience.retry-after-cap=1m", "ailib.transport=jdk", "ailib.telemetry.enabled=false",
            "ailib.telemetry.capture-message-content=true", "ailib.health.enabled=false",
            "ailib.clients.fast.model=openai/gpt-4o-mini", "ailib.clients.fast.base-url=http://127.0.0.1:1")
        .withInitializer(ctx -> ctx.getEnvironment().getPropertySources().addFirst(new SystemEnvironmentPropertySource(
            "systemEnvironment", Map.of("AILIB_PROTOCOLDIR", manifests.toString(), "AILIB_BASEURL", "http://127.0.0.1:9/v1"))))
        .run(ctx -> {
          AiLibProperties p = ctx.getBean(AiLibProperties.class);
          assertThat(p.getModel()).isEqualTo("openai/gpt-4o");
          assertThat(p.getFallbackModels()).containsExactly("anthropic/claude-sonnet-4-5", "gemini/gemini-2.5-flash");
          assertThat(p.getApiKeys()).containsEntry("openai", "sk-a");
          assertThat(p.getBaseUrl()).as("from an environment variable").isEqualTo("http://127.0.0.1:9/v1");
          assertThat(p.getProtocolDir()).isEqualTo(manifests);
          assertThat(p.getTimeouts().getConnect()).isEqualTo(Duration.ofSeconds(3));
          assertThat(p.getTimeouts().getResponseHeaders()).isEqualTo(Duration.ofSeconds(20));
          assertThat(p.getTimeouts().getIdle()).isEqualTo(Duration.ofSeconds(15));
          assertThat(p.getTimeouts().getCall()).isEqualTo(Duration.ofMinutes(2));
          AiLibProperties.Resilience r = p.getResilience();
          assertThat(r.getMaxRetries()).isEqualTo(2);
          assertThat(r.getRateLimitRps()).isEqualTo(12.5);
          assertThat(r.getCircuitBreakerThreshold()).isEqualTo(7);
          assertThat(r.getCircuitBreakerCooldown()).isEqualTo(Duration.ofSeconds(30));
          assertThat(r.getMaxInflight()).isEqualTo(40);
          assertThat(r.getMaxInflightWait()).isEqualTo(Duration.ofMillis(250));
          assertThat(r.getRetryBaseDelay()).isEqualTo(Duration.ofMillis(100));
          assertThat(r.getRetryMaxDelay()).isEqualTo(Duration.ofSeconds(5));
          assertThat(r.getRetryAfterCap()).isEqualTo(Duration.ofMinutes(1));
          assertThat(p.getTransport()).isEqualTo("jdk");
          assertThat(p.getTelemetry().isEnabled()).isFalse();
          assertThat(p.getTelemetry().isCaptureMessageContent()).isTrue();
          assertThat(p.getHealth().isEnabled()).isFalse();
          assertThat(p.getClients()).containsOnlyKeys("fast");
          assertThat(p.getClients().get("fast").getModel()).isEqualTo("openai/gpt-4o-mini");
          assertThat(p.getClients().get("fast").getBaseUrl()).isEqualTo("http://127.0.0.1:1");
          assertThat(p.toString()).doesNotContain("sk-a");
          assertThat(ctx).hasNotFailed().hasSingleBean(AiClient.class);
        });
  }

  @Test
  void theClientBeanChatsWithTheConfiguredModelKeyAndBaseUrl() {
    withFake().run(ctx -> {
      assertThat(ctx).hasNotFailed().hasSingleBean(AiClient.class).hasSingleBean(AiClientFactory.class);
      AiClient client = ctx.getBean(AiClient.class);
      assertThat(client.model()).isEqualTo("openai/gpt-4o");
      assertThat(client.chat().user("Hi").execute().content()).isEqualTo("Hello from the fake");
      RecordedRequest request = fake.takeRequest();
      assertThat(request.jsonAt("model")).isEqualTo("gpt-4o");
      assertThat(request.header("Authorization")).isEqualTo("Bearer sk-spring-test");
    });
  }

  @Test
  void baseUrlsPerProviderAndUnlistedModelsReachTheBuilder() {
    runner().withPropertyValues("ailib.model=deepseek/deepseek-v9-preview", "ailib.base-urls.deepseek=" + fake.baseUrl(),
        "ailib.allow-unlisted-models=deepseek", "ailib.api-keys.deepseek=sk-ds-test",
        "ailib.resilience.max-retries=0").run(ctx -> {
          assertThat(ctx).hasNotFailed();
          assertThat(ctx.getBean(AiClient.class).chat().user("Hi").execute().content())
              .isEqualTo("Hello from the fake");
          RecordedRequest request = fake.takeRequest();
          assertThat(request.jsonAt("model")).isEqualTo("deepseek-v9-preview");
          assertThat(request.header("Authorization")).isEqualTo("Bearer sk-ds-test");
        });
    runner().withPropertyValues("ailib.model=deepseek/deepseek-v9-preview", "ailib.base-urls.deepseek=" + fake.baseUrl(),
        "ailib.api-keys.deepseek=sk-ds-test").run(ctx -> assertThat(fullMessage(ctx.getStartupFailure()))
            .contains("ailib.model=deepseek/deepseek-v9-preview").contains("deepseek-v9-preview"));
  }

  @Test
  void theClientIsClosedWithTheContext() {
    AiClient[] seen = new AiClient[1];
    withFake().run(ctx -> seen[0] = ctx.getBean(AiClient.class));
    assertThatThrownBy(() -> seen[0].chat().user("after close").execute()).isInstanceOf(CancelledException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void noModelNoClientBean() {
    runner().run(ctx -> {
      assertThat(ctx).hasNotFailed().doesNotHaveBean(AiClient.class).hasSingleBean(AiClients.class);
      assertThat(ctx.getBean(AiClients.class).names()).isEmpty();
    });
  }

  @Test
  void anApplicationsOwnClientReplacesTheAutoConfiguredOne() {
    try (AiClient own = AiClient.builder().model("openai/gpt-4o-mini").baseUrl(fake.baseUrl()).apiKey("sk-own")
        .build()) {
      withFake().withBean(AiClient.class, () -> own).run(ctx -> {
        assertThat(ctx).hasNotFailed().hasSingleBean(AiClient.class);
        assertThat(ctx.getBean(AiClient.class)).isSameAs(own);
      });
    }
  }

  @Test
  void namedClientsEachChatWithTheirModel() {
    withFake().withPropertyValues("ailib.clients.fast.model=openai/gpt-4o-mini",
        "ailib.clients.careful.model=anthropic/claude-sonnet-4-5", "ailib.api-keys.anthropic=sk-ant-test")
        .run(ctx -> {
          AiClients clients = ctx.getBean(AiClients.class);
          assertThat(clients.names()).containsExactly("fast", "careful");
          assertThat(clients.get("fast").chat().user("1").execute().content()).isEqualTo("Hello from the fake");
          assertThat(fake.takeRequest().jsonAt("model")).isEqualTo("gpt-4o-mini");
          assertThat(clients.get("careful").chat().user("2").execute().content()).isEqualTo("Hello from the fake");
          RecordedRequest anthropic = fake.takeRequest();
          assertThat(anthropic.path()).endsWith("/messages");
          assertThat(anthropic.header("x-api-key")).isEqualTo("sk-ant-test");
          assertThatThrownBy(() -> clients.get("nope")).hasMessageContaining("fast").hasMessageContaining("careful");
        });
  }

  @Test
  void customizersSeeEveryClientByName() {
    AtomicInteger intercepted = new AtomicInteger();
    Interceptor counting = chain -> {
      intercepted.incrementAndGet();
      return chain.proceed(chain.request());
    };
    withFake().withPropertyValues("ailib.clients.fast.model=openai/gpt-4o-mini")
        .withBean("counting", AiClientBuilderCustomizer.class, () -> (name, b) -> b.interceptor(counting))
        .run(ctx -> {
          ctx.getBean(AiClient.class).chat().user("1").execute();
          ctx.getBean(AiClients.class).get("fast").chat().user("2").execute();
          assertThat(intercepted).hasValue(2);
        });
  }

  @Test
  void eitherTransportCanBeChosen() {
    for (String transport : List.of("jdk", "httpclient5")) {
      withFake().withPropertyValues("ailib.transport=" + transport).run(ctx -> {
        assertThat(ctx).hasNotFailed();
        assertThat(ctx.getBean(AiClient.class).chat().user("Hi").execute().content()).isEqualTo("Hello from the fake");
      });
    }
  }

  @Test
  void aTransportThatIsNotOnTheClassPathFailsStartupNamingTheArtifact() {
    withFake().withPropertyValues("ailib.transport=httpclient5")
        .withClassLoader(new FilteredClassLoader("dev.ailib.transport.httpclient5"))
        .run(ctx -> assertStartupFailure(ctx.getStartupFailure(), "ailib.transport", "httpclient5",
            "dev.ailib:ai-lib-transport-httpclient5"));
  }

  @Test
  void badValuesFailStartupNamingThePropertyAndTheValue() {
    expectFailure("ailib.timeouts.connect=-1s", "ailib.timeouts.connect", "PT-1S", "positive");
    expectFailure("ailib.timeouts.call=0s", "ailib.timeouts.call", "PT0S", "positive");
    expectFailure("ailib.resilience.max-retries=500", "ailib.resilience.max-retries", "500", "between 0 and 100");
    expectFailure("ailib.resilience.rate-limit-rps=-2", "ailib.resilience.rate-limit-rps", "-2.0", ">= 0");
    expectFailure("ailib.resilience.circuit-breaker-cooldown=0s", "ailib.resilience.circuit-breaker-cooldown",
        "PT0S", "positive");
    expectFailure("ailib.model=gpt-4o", "ailib.model", "gpt-4o", "provider/model");
    expectFailure("ailib.fallback-models=openai/gpt-4o-mini,claude", "ailib.fallback-models[1]", "claude",
        "provider/model");
    expectFailure("ailib.base-url=ftp://example.test", "ailib.base-url", "ftp://example.test", "http or https");
    expectFailure("ailib.transport=carrier-pigeon", "ailib.transport", "carrier-pigeon", "not jdk, httpclient5");
    expectFailure("ailib.protocol-dir=/no/such/dir", "ailib.protocol-dir", "/no/such/dir", "not a directory");
    expectFailure("ailib.clients.fast.model=fast", "ailib.clients.fast.model", "fast", "provider/model");
    expectFailure("ailib.api-keys.openai= ", "ailib.api-keys.openai", "", "blank");
    expectFailure("ailib.base-urls.anthropic=ftp://example.test", "ailib.base-urls.anthropic", "ftp://example.test",
        "http or https");
    expectFailure("ailib.allow-unlisted-models=openai,open ai", "ailib.allow-unlisted-models[1]", "open ai",
        "provider id");
  }

  @Test
  void valuesOfTheWrongTypeFailBindingNamingThePropertyAndTheValue() {
    expectBindFailure("ailib.timeouts.connect=soon", "ailib.timeouts.connect", "soon");
    expectBindFailure("ailib.resilience.max-retries=three", "ailib.resilience.max-retries", "three");
    expectBindFailure("ailib.telemetry.enabled=maybe", "ailib.telemetry.enabled", "maybe");
  }

  @Test
  void aMissingKeyFailsStartupNamingTheVariablesAndTheProperty() {
    runner().withPropertyValues("ailib.model=anthropic/claude-sonnet-4-5").run(ctx -> {
      assertThat(ctx).hasFailed();
      Throwable root = root(ctx.getStartupFailure());
      assertThat(fullMessage(ctx.getStartupFailure())).contains("ailib.model=anthropic/claude-sonnet-4-5")
          .contains("ANTHROPIC_API_KEY").contains("ailib.api-keys.<provider>");
      assertThat(root).isNotNull();
    });
  }

  @Test
  void anUnknownModelFailsStartupNamingIt() {
    runner().withPropertyValues("ailib.model=nosuchprovider/x", "ailib.api-keys.nosuchprovider=k")
        .run(ctx -> assertThat(fullMessage(ctx.getStartupFailure())).contains("ailib.model=nosuchprovider/x")
            .contains("nosuchprovider"));
  }

  @Test
  void apiKeysNeverAppearInStartupFailures() {
    runner().withPropertyValues("ailib.model=openai/gpt-4o", "ailib.api-keys.openai=sk-SECRET-42",
        "ailib.timeouts.idle=-5s").run(ctx -> {
          assertThat(ctx).hasFailed();
          assertThat(fullMessage(ctx.getStartupFailure())).contains("ailib.timeouts.idle")
              .doesNotContain("sk-SECRET-42");
        });
  }

  private void expectFailure(String property, String name, String value, String reason) {
    withFake().withPropertyValues(property).run(ctx -> assertStartupFailure(ctx.getStartupFailure(), name, value,
        reason));
  }

  private void expectBindFailure(String property, String name, String value) {
    withFake().withPropertyValues(property).run(ctx -> {
      assertThat(ctx).hasFailed();
      assertThat(fullMessage(ctx.getStartupFailure())).contains(name).contains(value);
    });
  }

  private static void assertStartupFailure(Throwable failure, String name, String value, String reason) {
    assertThat(failure).as("start-up fails for %s=%s", name, value).isNotNull();
    InvalidConfigurationPropertyValueException invalid = find(failure);
    assertThat(invalid).as("an InvalidConfigurationPropertyValueException in %s", failure).isNotNull();
    assertThat(invalid.getName()).isEqualTo(name);
    assertThat(String.valueOf(invalid.getValue())).isEqualTo(value);
    assertThat(invalid.getReason()).contains(reason);
  }

  private static InvalidConfigurationPropertyValueException find(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof InvalidConfigurationPropertyValueException e) {
        return e;
      }
    }
    return null;
  }

  static String fullMessage(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      b.append(c.getMessage()).append('\n');
    }
    return b.toString();
  }

  private static Throwable root(Throwable t) {
    Throwable c = t;
    while (c != null && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  @Test
  void theFactoryBuildsMoreClientsWithTheSharedSettings() {
    withFake().run(ctx -> {
      try (AiClient extra = ctx.getBean(AiClientFactory.class).create("openai/gpt-4o-mini")) {
        assertThat(extra.chat().user("Hi").execute().content()).isEqualTo("Hello from the fake");
        assertThat(fake.takeRequest().header("Authorization")).isEqualTo("Bearer sk-spring-test");
      }
      assertThatCode(() -> ctx.getBean(AiClientFactory.class).create("not-a-model"))
          .isInstanceOf(IllegalArgumentException.class);
    });
  }
}
