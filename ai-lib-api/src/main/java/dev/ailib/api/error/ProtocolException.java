package dev.ailib.api.error;

import java.util.Optional;

/**
 * A manifest, configuration or request that breaks the protocol's rules: an invalid manifest, an
 * unknown provider or model, a parameter out of range, a missing credential, an undeclared capability,
 * a malformed stream frame. Raised before or instead of a network call. Where the problem is in a file,
 * {@link #location()} says where.
 */
public class ProtocolException extends AiLibException {
  private static final long serialVersionUID = 1L;

  private final transient SourceLocation location;

  /**
   * Creates an exception.
   *
   * @param errorType the standard code, usually {@link StandardErrorCode#INVALID_REQUEST}
   * @param message what is wrong
   * @param location where, or null
   * @param cause the cause, or null
   */
  public ProtocolException(StandardErrorCode errorType, String message, SourceLocation location, Throwable cause) {
    super(errorType, location == null ? message : location + ": " + message, cause);
    this.location = location;
  }

  /**
   * Creates an invalid-request exception with no location.
   *
   * @param message what is wrong
   */
  public ProtocolException(String message) {
    this(StandardErrorCode.INVALID_REQUEST, message, null, null);
  }

  /** Where the problem is, when it is in a file. */
  public Optional<SourceLocation> location() {
    return Optional.ofNullable(location);
  }
}
