package dev.ailib.core.internal.response;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.internal.json.CoreJson;
import dev.ailib.core.spi.manifest.ErrorClassificationSpec;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.transport.HttpHeaders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one error classifier: HTTP error responses ({@link #fromHttp}) and error frames inside a stream
 * ({@link #classify}) are read by the same function, so the same provider error gets the same
 * {@link StandardErrorCode} in both execution modes.
 *
 * <p>Fields read: {@code error.code} (a string is the provider's specific code, an integer counts as the HTTP
 * status), {@code error.type} (a generic category many statuses share), {@code error.status} (a gRPC-style status
 * name, or an integer status), the {@code reason} of a {@code google.rpc.ErrorInfo} entry in
 * {@code error.details[]} (such as {@code API_KEY_INVALID}), and {@code error.message}; a string {@code error} is
 * the message; bodies without {@code error} are read at the top level ({@code message}, {@code code},
 * {@code detail}).
 *
 * <p>Order, the first that gives a code wins:
 * <ol>
 *   <li>the manifest's {@code by_error_code} for the specific code, then for the {@code ErrorInfo} reason;</li>
 *   <li>the standard meaning of the specific code, then of the reason ({@code insufficient_quota},
 *       {@code context_length_exceeded}, {@code invalid_api_key}, {@code API_KEY_INVALID}, ...);</li>
 *   <li>the manifest's {@code by_error_code} for the status name ({@code RESOURCE_EXHAUSTED}, ...);</li>
 *   <li>the manifest's {@code by_http_status} (the HTTP status, else an integer code in the body);</li>
 *   <li>the manifest's {@code by_error_code} for the generic type;</li>
 *   <li>the standard meaning of the HTTP status;</li>
 *   <li>the standard meaning of the type, then of the status name ({@code overloaded_error},
 *       {@code RESOURCE_EXHAUSTED}, ...);</li>
 *   <li>{@link StandardErrorCode#UNKNOWN}.</li>
 * </ol>
 * The provider code reported is the specific code, else the reason, else the type, else the status name.
 */
public final class ErrorClassifier {
  /** The most of a body that is not JSON looked at for the message (it is redacted, then cut shorter). */
  private static final int MAX_TEXT_BYTES = 4096;
  private static final String ERROR_INFO = "google.rpc.ErrorInfo";
  private static final Map<String, StandardErrorCode> STANDARD = new HashMap<>();

  static {
    std(StandardErrorCode.INVALID_REQUEST, "invalid_request", "invalid_request_error", "invalid_argument",
        "bad_request", "invalid_parameter", "validation_error", "failed_precondition");
    std(StandardErrorCode.AUTHENTICATION, "authentication", "authentication_error", "invalid_api_key",
        "unauthenticated", "unauthorized", "invalid_authentication", "api_key_invalid", "api_key_expired");
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
   * Classifies an HTTP error response (any status of 300 and above).
   *
   * @param status the HTTP status
   * @param headers the response headers
   * @param body the body (its first bytes; may be empty)
   * @param manifest the provider's manifest (classification, retry-after header name)
   * @param now the current time, for {@code Retry-After} dates
   * @return the classified error
   */
  public static ProviderError fromHttp(int status, HttpHeaders headers, byte[] body, ProviderManifest manifest,
      Instant now) {
    String headerName = manifest.rateLimitHeaders() == null ? null : manifest.rateLimitHeaders().retryAfter();
    Duration headerWait = RetryAfter.fromHeaders(headers, headerName, now);
    String headerId = RequestIds.fromHeaders(headers);
    if (status >= 300 && status < 400) {
      StandardErrorCode code = manifest.errors().byHttpStatus().get(status);
      String location = headers.first("Location").orElse(null);
      String text = (location == null || location.isBlank() ? "redirect (no Location header)"
          : "redirect to " + location.strip()) + " not followed: ai-lib never follows redirects, so that the "
          + "credential is never sent to another address; set the base URL to the address the provider serves";
      return new ProviderError(code == null ? StandardErrorCode.UNKNOWN : code, status, null, text, headerId,
          headerWait);
    }
    JsonNode root = null;
    if (body.length > 0) {
      try {
        root = CoreJson.MAPPER.readTree(body);
      } catch (IOException | RuntimeException notJson) {
        root = null;
      }
    }
    if (root != null && root.isArray() && root.size() > 0 && root.get(0).isObject() && root.get(0).has("error")) {
      root = root.get(0); // Google's streaming endpoints wrap errors in an array: [{"error": {...}}]
    }
    ProviderError e;
    if (root != null && (root.isObject() || root.isTextual())) {
      e = classify(root, status, manifest.errors());
    } else {
      e = classify(null, status, manifest.errors());
      if (body.length > 0) {
        String text = new String(body, 0, Math.min(body.length, MAX_TEXT_BYTES), StandardCharsets.UTF_8);
        e = new ProviderError(e.code(), e.httpStatus(), e.providerCode(), text.replaceAll("\\s+", " "),
            e.requestId(), e.retryAfter());
      }
    }
    return new ProviderError(e.code(), status, e.providerCode(), e.message(),
        headerId != null ? headerId : e.requestId(), headerWait != null ? headerWait : e.retryAfter());
  }

  /**
   * Classifies an error body or frame whose error object is found at {@code body.error}, else is the body.
   *
   * @param body the body or frame, may be null
   * @param httpStatus the HTTP status, or -1 for an in-stream error
   * @param spec the manifest's classification
   * @return the classified error
   */
  public static ProviderError classify(JsonNode body, int httpStatus, ErrorClassificationSpec spec) {
    JsonNode err = body == null ? null : body.get("error");
    return classify(err == null || err.isNull() ? body : err, body, httpStatus, spec);
  }

  /**
   * Classifies an error object.
   *
   * @param err the error object (or a string message), may be null
   * @param envelope the body or frame around it (for the top-level {@code request_id}), may be null
   * @param httpStatus the HTTP status, or -1 for an in-stream error
   * @param spec the manifest's classification
   * @return the classified error
   */
  public static ProviderError classify(JsonNode err, JsonNode envelope, int httpStatus, ErrorClassificationSpec spec) {
    String message = null;
    String code = null;
    String type = null;
    String status = null;
    String reason = null;
    int numeric = -1;
    if (err != null && err.isTextual()) {
      message = err.textValue();
    } else if (err != null && err.isObject()) {
      message = text(err.get("message"));
      if (message == null) {
        message = text(err.get("detail"));
      }
      JsonNode c = err.get("code");
      if (c != null && c.isIntegralNumber()) {
        numeric = c.intValue();
      } else {
        code = text(c);
      }
      type = text(err.get("type"));
      JsonNode s = err.get("status");
      if (s != null && s.isIntegralNumber()) {
        numeric = numeric < 0 ? s.intValue() : numeric;
      } else {
        status = text(s);
      }
      reason = errorInfoReason(err.get("details"));
    }
    int http = httpStatus >= 300 ? httpStatus : numeric; // a success status says nothing about the error
    StandardErrorCode result = lookup(spec.byErrorCode(), code, reason);
    if (result == null) {
      result = standard(code);
    }
    if (result == null) {
      result = standard(reason);
    }
    if (result == null) {
      result = lookup(spec.byErrorCode(), status);
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
    }
    if (result == null) {
      result = standard(status);
    }
    if (result == null) {
      result = StandardErrorCode.UNKNOWN;
    }
    String providerCode = code != null ? code : reason != null ? reason : type != null ? type : status;
    String requestId = RequestIds.fromBody(envelope);
    if (requestId == null && err != null && err.isObject()) {
      requestId = RequestIds.fromBody(err);
    }
    return new ProviderError(result, httpStatus, providerCode, message, requestId, RetryAfter.fromBody(err));
  }

  private static String errorInfoReason(JsonNode details) {
    if (details == null || !details.isArray()) {
      return null;
    }
    for (JsonNode d : details) {
      JsonNode type = d.get("@type");
      if (type != null && type.isTextual() && type.textValue().endsWith(ERROR_INFO)) {
        return text(d.get("reason"));
      }
    }
    return null;
  }

  private static String text(JsonNode n) {
    if (n == null || n.isNull() || n.isContainerNode()) {
      return null;
    }
    String s = n.asText();
    return s.isBlank() ? null : s;
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
