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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns an error response into a {@link RemoteException}. The standard code comes from, in order: the manifest's
 * {@code by_error_code} for the provider's specific code in the body ({@code error.code}, {@code error.status},
 * a top-level {@code code}); the manifest's {@code by_http_status}; {@code by_error_code} for the generic
 * {@code error.type} (a category such as {@code server_error} that many statuses share); else
 * {@link StandardErrorCode#fromHttpStatus}. Retry-After and the request id header are
 * kept. The credential is masked out of anything the provider echoes back.
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
    // specific codes first (error.code, error.status, a top-level code), the generic error.type after the status
    List<String> specific = new ArrayList<>();
    List<String> generic = new ArrayList<>();
    if (err != null) {
      addText(specific, err.get("code"));
      addText(specific, err.get("status"));
      if (err != root) {
        addText(specific, root.get("code"));
      }
      addText(generic, err.get("type"));
    }
    String[] matched = new String[1];
    StandardErrorCode code = byErrorCode(spec, specific, matched);
    if (code == null) {
      code = spec.byHttpStatus().get(status);
    }
    if (code == null) {
      code = byErrorCode(spec, generic, matched);
    }
    if (code == null) {
      code = StandardErrorCode.fromHttpStatus(status);
    }
    String providerCode = matched[0];
    if (providerCode == null) {
      List<String> all = new ArrayList<>(specific);
      all.addAll(generic);
      providerCode = all.stream().filter(c -> !c.chars().allMatch(Character::isDigit)).findFirst()
          .orElse(all.isEmpty() ? null : all.get(0));
    }
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

  private static StandardErrorCode byErrorCode(ErrorClassificationSpec spec, List<String> candidates,
      String[] matched) {
    for (String c : candidates) {
      StandardErrorCode byCode = spec.byErrorCode().get(c);
      if (byCode == null) {
        byCode = spec.byErrorCode().get(c.toLowerCase(Locale.ROOT));
      }
      if (byCode != null) {
        matched[0] = c;
        return byCode;
      }
    }
    return null;
  }

  private static void addText(List<String> out, JsonNode n) {
    if (n != null && (n.isTextual() || n.isNumber()) && !n.asText().isBlank()) {
      out.add(n.asText());
    }
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
