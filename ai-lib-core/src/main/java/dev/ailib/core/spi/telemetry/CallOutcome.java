package dev.ailib.core.spi.telemetry;

import dev.ailib.api.CallStats;
import dev.ailib.api.Usage;
import java.util.List;

/**
 * How a successful call ended.
 *
 * @param responseModel the model the provider said answered, or null
 * @param responseId the provider's response id, or null
 * @param finishReasons canonical finish reasons, one per candidate
 * @param usage token usage
 * @param stats the call's figures
 */
public record CallOutcome(String responseModel, String responseId, List<String> finishReasons, Usage usage,
    CallStats stats) {
}
