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
}
