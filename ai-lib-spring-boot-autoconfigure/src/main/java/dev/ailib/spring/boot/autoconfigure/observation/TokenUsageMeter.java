package dev.ailib.spring.boot.autoconfigure.observation;

import dev.ailib.api.Usage;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;

/**
 * Records token counts as the GenAI conventions' {@value #NAME} distribution on a Micrometer {@link MeterRegistry},
 * tagged with {@code gen_ai.token.type} ({@code input} or {@code output}) and the observation's model and provider
 * tags. Thread-safe.
 */
public final class TokenUsageMeter {
  /** The distribution's name. */
  public static final String NAME = "gen_ai.client.token.usage";

  private final MeterRegistry meters;

  /**
   * Records to this registry.
   *
   * @param meters the application's meter registry
   */
  public TokenUsageMeter(MeterRegistry meters) {
    this.meters = Objects.requireNonNull(meters, "meters");
  }

  void record(String operation, String provider, String requestModel, String responseModel, Usage usage) {
    summary(operation, provider, requestModel, responseModel, "input").record(usage.promptTokens());
    summary(operation, provider, requestModel, responseModel, "output").record(usage.completionTokens());
  }

  private DistributionSummary summary(String operation, String provider, String requestModel, String responseModel,
      String type) {
    return DistributionSummary.builder(NAME).baseUnit("tokens").description("Number of input and output tokens used.")
        .tag(GenAiKeys.OPERATION_NAME, operation).tag(GenAiKeys.PROVIDER_NAME, provider)
        .tag(GenAiKeys.REQUEST_MODEL, requestModel).tag(GenAiKeys.RESPONSE_MODEL, responseModel)
        .tag(GenAiKeys.TOKEN_TYPE, type).register(meters);
  }
}
