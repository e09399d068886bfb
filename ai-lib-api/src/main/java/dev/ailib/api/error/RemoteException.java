package dev.ailib.api.error;

import java.time.Duration;
import java.util.Optional;

/**
 * The provider answered with an error: an HTTP error status with its body, or an error frame inside
 * a stream. Classified by the manifest (provider code, then HTTP status, then the standard mapping).
 */
public class RemoteException extends AiLibException {
  private static final long serialVersionUID = 1L;

  private final int statusCode;
  private final String providerCode;
  private final String requestId;
  private final transient Duration retryAfter;

  /**
   * Creates an exception.
   *
   * @param errorType the classified standard code
   * @param message the provider's message with context (never a credential)
   * @param statusCode the HTTP status, or -1 for an in-stream error
   * @param providerCode the provider's own error code or type, or null
   * @param requestId the provider's request id, or null
   * @param retryAfter how long the provider asked to wait, or null
   */
  public RemoteException(StandardErrorCode errorType, String message, int statusCode, String providerCode,
      String requestId, Duration retryAfter) {
    super(errorType, message);
    this.statusCode = statusCode;
    this.providerCode = providerCode;
    this.requestId = requestId;
    this.retryAfter = retryAfter;
  }

  @Override
  public int statusCode() {
    return statusCode;
  }

  /** The provider's own error code or type, such as {@code insufficient_quota}. */
  public Optional<String> providerCode() {
    return Optional.ofNullable(providerCode);
  }

  /** The provider's request id, when it sent one. */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /** How long the provider asked to wait before retrying ({@code Retry-After}), when it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
