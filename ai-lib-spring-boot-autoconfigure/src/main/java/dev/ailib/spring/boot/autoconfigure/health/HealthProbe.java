package dev.ailib.spring.boot.autoconfigure.health;

import dev.ailib.api.AiClient;
import dev.ailib.api.ChatResult;
import dev.ailib.api.error.AiLibException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What both health indicators (Spring Boot 3's and 4's API) report: a one-token request to the client's model. Up
 * with the latency and the model that answered; down with the standard error code and the library's message (which
 * never holds a key).
 */
final class HealthProbe {
  private final AiClient client;

  HealthProbe(AiClient client) {
    this.client = client;
  }

  /** The probe's result. */
  record Result(boolean up, Map<String, Object> details, Throwable error) {
  }

  Result check() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("model", client.model());
    try {
      ChatResult r = client.chat().user("ping").maxTokens(1).executeWithStats();
      details.put("latencyMs", r.stats().latencyMs());
      details.put("attempts", r.stats().attempts());
      if (r.stats().model() != null) {
        details.put("servedBy", r.stats().provider() + "/" + r.stats().model());
      }
      return new Result(true, details, null);
    } catch (AiLibException e) {
      details.put("error", e.errorType().code() + " " + e.errorType().wireName());
      return new Result(false, details, e);
    }
  }
}
