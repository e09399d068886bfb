package dev.ailib.api.error;

import java.util.Objects;

/**
 * The root of every exception ai-lib throws. Unchecked. Each carries a {@link StandardErrorCode}.
 * Messages never contain credentials.
 */
public class AiLibException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final StandardErrorCode errorType;

  /**
   * Creates an exception.
   *
   * @param errorType the standard code
   * @param message what went wrong and where
   * @param cause the cause, or null
   */
  public AiLibException(StandardErrorCode errorType, String message, Throwable cause) {
    super(message);
    if (cause != null) {
      initCause(cause);
    }
    this.errorType = Objects.requireNonNull(errorType, "errorType");
  }

  /**
   * Creates an exception without cause.
   *
   * @param errorType the standard code
   * @param message what went wrong and where
   */
  public AiLibException(StandardErrorCode errorType, String message) {
    this(errorType, message, null);
  }

  /** The standard error code. */
  public StandardErrorCode errorType() {
    return errorType;
  }

  /** The HTTP status that came with the error, or -1 when there was none. */
  public int statusCode() {
    return -1;
  }

  /** Whether retrying the same request may succeed; by default the code's flag. */
  public boolean retryable() {
    return errorType.retryable();
  }

  /** Whether trying the next model of a fallback chain may succeed; by default the code's flag. */
  public boolean fallbackable() {
    return errorType.fallbackable();
  }
}
