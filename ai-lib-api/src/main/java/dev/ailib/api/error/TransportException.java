package dev.ailib.api.error;

/**
 * The exchange with the provider failed below HTTP semantics: no connection, a timeout, a reset,
 * a body larger than allowed, or a cancelled exchange.
 */
public class TransportException extends AiLibException {
  private static final long serialVersionUID = 1L;

  /** What kind of transport failure happened. */
  public enum Kind {
    /** The connection could not be made (refused, unreachable, DNS, TLS handshake). */
    CONNECT(StandardErrorCode.SERVER_ERROR, true),
    /** Connecting took longer than the connect timeout. */
    CONNECT_TIMEOUT(StandardErrorCode.TIMEOUT, true),
    /**
     * No connection of the client's own pool became free within the connect timeout: the client has more calls in
     * flight than its connection limit. A limit of this client, not a fault of the server: it does not count against
     * the endpoint's circuit breaker.
     */
    POOL_TIMEOUT(StandardErrorCode.TIMEOUT, true),
    /** The response headers did not arrive within the response-headers timeout. */
    RESPONSE_HEADERS_TIMEOUT(StandardErrorCode.TIMEOUT, true),
    /** No body bytes arrived within the idle timeout. */
    IDLE_TIMEOUT(StandardErrorCode.TIMEOUT, true),
    /** The whole call took longer than the call timeout. */
    CALL_TIMEOUT(StandardErrorCode.TIMEOUT, false),
    /** The connection broke (reset, closed early, malformed HTTP). */
    IO(StandardErrorCode.SERVER_ERROR, true),
    /** The body was larger than the configured maximum. */
    RESPONSE_TOO_LARGE(StandardErrorCode.REQUEST_TOO_LARGE, false),
    /** The exchange was cancelled by the caller. */
    CANCELLED(StandardErrorCode.CANCELLED, false);

    private final StandardErrorCode code;
    private final boolean retryable;

    Kind(StandardErrorCode code, boolean retryable) {
      this.code = code;
      this.retryable = retryable;
    }

    /** The standard code this kind maps to. */
    public StandardErrorCode code() {
      return code;
    }

    /** Whether a call that failed this way may be retried. */
    public boolean retryable() {
      return retryable;
    }
  }

  private final Kind kind;

  /**
   * Creates an exception.
   *
   * @param kind the failure kind
   * @param message what failed (never a credential)
   * @param cause the cause, or null
   */
  public TransportException(Kind kind, String message, Throwable cause) {
    super(kind.code(), message, cause);
    this.kind = kind;
  }

  /** The failure kind. */
  public Kind kind() {
    return kind;
  }

  @Override
  public boolean retryable() {
    return kind.retryable();
  }
}
