package dev.ailib.core.internal.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ailib.api.error.RemoteException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.spi.manifest.ErrorClassificationSpec;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Classifies a provider error (an HTTP error body or an in-stream error frame) into a {@link StandardErrorCode}.
 * Order: the manifest's {@code by_error_code} for the error's specific code or status; the standard meaning of the
 * error's code; the manifest's {@code by_http_status}; the manifest's {@code by_error_code} for the error's generic
 * type (such as {@code server_error}, which many statuses share); the standard meaning of the HTTP status; the
 * standard meaning of the error's type or status (for in-stream errors without a status); else
 * {@link StandardErrorCode#UNKNOWN}. The engine classifies HTTP error responses with this same function.
 *
 * <p>Error shapes read: {@code {error: {message, type, code, status}}}, {@code {type: "error", error: {type,
 * message}}}, {@code {error: {code: 429, status: "RESOURCE_EXHAUSTED", message}}}, {@code {error: "text"}},
 * {@code {message, code}}.
 */
public final class ErrorClassifier {
  private static final Map<String, StandardErrorCode> STANDARD = new HashMap<>();

  static {
    std(StandardErrorCode.INVALID_REQUEST, "invalid_request", "invalid_request_error", "invalid_argument",
        "bad_request", "invalid_parameter", "validation_error");
    std(StandardErrorCode.AUTHENTICATION, "authentication", "authentication_error", "invalid_api_key",
        "unauthenticated", "unauthorized", "invalid_authentication");
    std(StandardErrorCode.PERMISSION_DENIED, "permission_denied", "permission_error", "forbidden");
    std(StandardErrorCode.NOT_FOUND, "not_found", "not_found_error", "model_not_found");
    std(StandardErrorCode.REQUEST_TOO_LARGE, "request_too_large", "context_length_exceeded",
        "string_above_max_length", "payload_too_large");
    std(StandardErrorCode.RATE_LIMITED, "rate_limited", "rate_limit_error", "rate_limit_exceeded",
        "resource_exhausted", "too_many_requests");
    std(StandardErrorCode.QUOTA_EXHAUSTED, "quota_exhausted", "insufficient_quota", "billing_hard_limit_reached",
        "insufficient_balance");
    std(StandardErrorCode.SERVER_ERROR, "server_error", "api_error", "internal", "internal_error",
        "internal_server_error");
    std(StandardErrorCode.OVERLOADED, "overloaded", "overloaded_error", "unavailable", "service_unavailable");
    std(StandardErrorCode.TIMEOUT, "timeout", "deadline_exceeded", "timeout_error");
    std(StandardErrorCode.CONFLICT, "conflict", "aborted");
    std(StandardErrorCode.CANCELLED, "cancelled", "canceled");
  }

  private ErrorClassifier() {
  }

  private static void std(StandardErrorCode code, String... names) {
    for (String n : names) {
      STANDARD.put(n, code);
    }
  }

  /**
   * Classifies an error body.
   *
   * @param body the error body or frame (may be null)
   * @param httpStatus the HTTP status, or -1 for an in-stream error
   * @param spec the manifest's classification
   * @return the exception to throw or report
   */
  public static RemoteException classify(JsonNode body, int httpStatus, ErrorClassificationSpec spec) {
    JsonNode err = body == null ? null : body.get("error");
    if (err == null || err.isNull()) {
      err = body;
    }
    String message = null;
    String code = null;
    String type = null;
    String status = null;
    int numeric = -1;
    if (err != null && err.isTextual()) {
      message = err.textValue();
    } else if (err != null && err.isObject()) {
      message = ToolCallAccumulator.textOrNull(err.get("message"));
      JsonNode c = err.get("code");
      if (c != null && c.isIntegralNumber()) {
        numeric = c.intValue();
      } else {
        code = ToolCallAccumulator.textOrNull(c);
      }
      type = ToolCallAccumulator.textOrNull(err.get("type"));
      JsonNode s = err.get("status");
      if (s != null && s.isIntegralNumber()) {
        numeric = numeric < 0 ? s.intValue() : numeric;
      } else {
        status = ToolCallAccumulator.textOrNull(s);
      }
    }
    int http = httpStatus > 0 ? httpStatus : numeric;
    // specific codes first; the generic type (a category many statuses share) only after the HTTP status
    StandardErrorCode result = lookup(spec.byErrorCode(), code, status);
    if (result == null && code != null) {
      result = STANDARD.get(code.toLowerCase(Locale.ROOT));
    }
    if (result == null && http > 0) {
      result = spec.byHttpStatus().get(http);
    }
    if (result == null) {
      result = lookup(spec.byErrorCode(), type);
    }
    if (result == null && http > 0) {
      result = StandardErrorCode.fromHttpStatus(http);
      if (result == StandardErrorCode.UNKNOWN) {
        result = null;
      }
    }
    if (result == null) {
      result = standard(type);
      if (result == null) {
        result = standard(status);
      }
    }
    if (result == null) {
      result = StandardErrorCode.UNKNOWN;
    }
    String providerCode = code != null ? code : type != null ? type : status;
    StringBuilder m = new StringBuilder(httpStatus > 0 ? "provider error (HTTP " + httpStatus + ")"
        : "provider error in stream");
    if (providerCode != null) {
      m.append(" [").append(providerCode).append(']');
    }
    m.append(": ").append(message == null ? "(no message)" : message);
    String requestId = body == null ? null : ToolCallAccumulator.textOrNull(body.get("request_id"));
    return new RemoteException(result, m.toString(), httpStatus, providerCode, requestId, null);
  }

  private static StandardErrorCode lookup(Map<String, StandardErrorCode> map, String... keys) {
    if (map.isEmpty()) {
      return null;
    }
    for (String k : keys) {
      if (k != null) {
        StandardErrorCode c = map.get(k);
        if (c != null) {
          return c;
        }
      }
    }
    return null;
  }

  private static StandardErrorCode standard(String s) {
    return s == null ? null : STANDARD.get(s.toLowerCase(Locale.ROOT));
  }
}
