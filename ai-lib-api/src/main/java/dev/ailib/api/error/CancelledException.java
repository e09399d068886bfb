package dev.ailib.api.error;

/** The caller cancelled the call (a {@link dev.ailib.api.CancelToken}, closing a stream, or interrupting). */
public class CancelledException extends AiLibException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what was cancelled
   */
  public CancelledException(String message) {
    super(StandardErrorCode.CANCELLED, message);
  }

  /**
   * Creates an exception with the failure the cancellation caused (such as the aborted exchange).
   *
   * @param message what was cancelled
   * @param cause the failure, or null
   */
  public CancelledException(String message, Throwable cause) {
    super(StandardErrorCode.CANCELLED, message, cause);
  }
}
