package dev.ailib.api.error;

import java.util.Locale;
import java.util.Optional;

/**
 * The 13 standard error codes of AI-Protocol (schemas/v2/error-codes.yaml), with whether a call that
 * failed with the code may be retried on the same model and whether it may fall back to another model.
 */
public enum StandardErrorCode {
  /** Malformed request, invalid parameters or missing fields. */
  INVALID_REQUEST("E1001", "invalid_request", 400, false, false),
  /** Invalid, expired or missing API key. */
  AUTHENTICATION("E1002", "authentication", 401, false, true),
  /** Valid credentials without permission for the resource. */
  PERMISSION_DENIED("E1003", "permission_denied", 403, false, false),
  /** Model, endpoint or resource does not exist. */
  NOT_FOUND("E1004", "not_found", 404, false, false),
  /** Input too large for the context window or payload limit; also an undeclared capability. */
  REQUEST_TOO_LARGE("E1005", "request_too_large", 413, false, false),
  /** Request rate limit exceeded. */
  RATE_LIMITED("E2001", "rate_limited", 429, true, true),
  /** Quota or credit exhausted. */
  QUOTA_EXHAUSTED("E2002", "quota_exhausted", 429, false, true),
  /** Provider-side internal error. */
  SERVER_ERROR("E3001", "server_error", 500, true, true),
  /** Provider overloaded or unavailable. */
  OVERLOADED("E3002", "overloaded", 503, true, true),
  /** The request or a phase of it timed out. */
  TIMEOUT("E3003", "timeout", 504, true, true),
  /** Conflicting state; retry may succeed. */
  CONFLICT("E4001", "conflict", 409, true, false),
  /** The caller cancelled the call. */
  CANCELLED("E4002", "cancelled", -1, false, false),
  /** Anything not classified otherwise. */
  UNKNOWN("E9999", "unknown", -1, false, false);

  private final String code;
  private final String wireName;
  private final int typicalHttpStatus;
  private final boolean retryable;
  private final boolean fallbackable;

  StandardErrorCode(String code, String wireName, int typicalHttpStatus, boolean retryable, boolean fallbackable) {
    this.code = code;
    this.wireName = wireName;
    this.typicalHttpStatus = typicalHttpStatus;
    this.retryable = retryable;
    this.fallbackable = fallbackable;
  }

  /** The code, such as {@code E2001}. */
  public String code() {
    return code;
  }

  /** The protocol's name for the code, such as {@code rate_limited}. */
  public String wireName() {
    return wireName;
  }

  /** The HTTP status the code usually comes with, or -1 when it has none. */
  public int typicalHttpStatus() {
    return typicalHttpStatus;
  }

  /** Whether retrying the same request on the same model may succeed. */
  public boolean retryable() {
    return retryable;
  }

  /** Whether trying the next model of a fallback chain may succeed. */
  public boolean fallbackable() {
    return fallbackable;
  }

  /**
   * Finds a code by its code ({@code E2001}) or its name ({@code rate_limited}), ignoring case.
   *
   * @param codeOrName the code or name
   * @return the code, or empty when none matches
   */
  public static Optional<StandardErrorCode> find(String codeOrName) {
    if (codeOrName == null) {
      return Optional.empty();
    }
    String wanted = codeOrName.trim().toLowerCase(Locale.ROOT);
    for (StandardErrorCode c : values()) {
      if (c.code.equalsIgnoreCase(wanted) || c.wireName.equals(wanted)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /**
   * The standard mapping of an HTTP status when the manifest has none: 400, 401, 403, 404, 413, 429
   * (as rate_limited), 408 and 504 (timeout), 409, 500 and other 5xx (server_error), 503 and 529
   * (overloaded); anything else is {@link #UNKNOWN}.
   *
   * @param status the HTTP status
   * @return the code
   */
  public static StandardErrorCode fromHttpStatus(int status) {
    switch (status) {
      case 400: return INVALID_REQUEST;
      case 401: return AUTHENTICATION;
      case 403: return PERMISSION_DENIED;
      case 404: return NOT_FOUND;
      case 408: case 504: return TIMEOUT;
      case 409: return CONFLICT;
      case 413: return REQUEST_TOO_LARGE;
      case 429: return RATE_LIMITED;
      case 503: case 529: return OVERLOADED;
      default:
        if (status >= 500 && status <= 599) {
          return SERVER_ERROR;
        }
        if (status >= 400 && status <= 499) {
          return INVALID_REQUEST;
        }
        return UNKNOWN;
    }
  }

  @Override
  public String toString() {
    return code + " " + wireName;
  }
}
