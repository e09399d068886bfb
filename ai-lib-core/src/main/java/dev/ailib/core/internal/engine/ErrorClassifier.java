package dev.ailib.core.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ailib.api.error.RemoteException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.spi.manifest.ErrorClassificationSpec;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.transport.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.Duration;
import java.util.Locale;

/**
 * Turns an error response into a {@link RemoteException}. The standard code comes from
 * {@link dev.ailib.core.internal.stream.ErrorClassifier} (the same classification in-stream error frames get: the
 * manifest's {@code by_error_code} for the specific code, then {@code by_http_status}, then the generic type, then
 * the standard mapping). Retry-After and the request id header are kept. The credential is masked out of anything
 * the provider echoes back.
 */
final class ErrorClassifier {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MAX_MESSAGE = 500;

  private ErrorClassifier() {
  }

  static RemoteException classify(Target t, int status, HttpHeaders headers, byte[] body, Instant now) {
    ProviderManifest m = t.manifest();
    ErrorClassificationSpec spec = m.errors();
    JsonNode root = null;
    try {
      root = body.length == 0 ? null : MAPPER.readTree(body);
    } catch (java.io.IOException | RuntimeException notJson) {
      root = null;
    }
    JsonNode err = root == null ? null : root.path("error").isObject() ? root.get("error") : root;
    // the code comes from the one classification shared with in-stream error frames
    RemoteException decided = dev.ailib.core.internal.stream.ErrorClassifier.classify(root, status, spec);
    StandardErrorCode code = decided.errorType();
    String providerCode = decided.providerCode().orElse(null);
    String providerMessage = null;
    if (err != null && err.hasNonNull("message")) {
      providerMessage = err.get("message").asText();
    } else if (root == null && body.length > 0) {
      providerMessage = new String(body, 0, Math.min(body.length, MAX_MESSAGE), StandardCharsets.UTF_8);
    }
    if (providerMessage != null && providerMessage.length() > MAX_MESSAGE) {
      providerMessage = providerMessage.substring(0, MAX_MESSAGE) + "...";
    }
    String requestId = requestId(headers);
    Duration retryAfter = RetryAfter.parse(headers,
        m.rateLimitHeaders() == null ? null : m.rateLimitHeaders().retryAfter(), now);
    StringBuilder msg = new StringBuilder("HTTP ").append(status).append(" from provider '").append(t.provider())
        .append("' (model ").append(t.modelId()).append("): ").append(code);
    if (providerCode != null) {
      msg.append(", provider code ").append(providerCode);
    }
    if (providerMessage != null && !providerMessage.isBlank()) {
      msg.append(": ").append(providerMessage.strip());
    }
    if (requestId != null) {
      msg.append(" [request id ").append(requestId).append(']');
    }
    String text = t.apiKey() == null ? msg.toString() : t.apiKey().redact(msg.toString());
    return new RemoteException(code, text, status, providerCode, requestId, retryAfter);
  }

  /** The provider's request id: {@code x-request-id}, {@code request-id}, or any header ending in {@code request-id}. */
  static String requestId(HttpHeaders headers) {
    String id = headers.first("x-request-id").or(() -> headers.first("request-id")).orElse(null);
    if (id != null) {
      return id;
    }
    for (String name : headers.names()) {
      if (name.toLowerCase(Locale.ROOT).endsWith("request-id")) {
        return headers.first(name).orElse(null);
      }
    }
    return null;
  }
}
