package dev.ailib.api.error;

import java.util.Optional;

/**
 * A typed answer that could not be read: not JSON, cut off, or not matching the schema of the requested type, after
 * the repair attempts. Its code is {@link StandardErrorCode#INVALID_REQUEST} (the protocol's "protocol violation":
 * the answer breaks the contract the request set). The message quotes the problem and where it is; the accessors
 * give them one by one.
 */
public class StructuredOutputException extends ProtocolException {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final String problem;
  private final String answer;
  private final int repairs;

  /**
   * Creates an exception.
   *
   * @param message the whole message
   * @param path where in the answer (a JSON path such as {@code $.address.city}), or null when the answer is not JSON
   * @param problem what was wrong, such as {@code string found, integer expected}
   * @param location line and column in the answer's text of a syntax error, or null
   * @param answer the answer's text as the model produced it
   * @param repairs how many repair requests were made before giving up
   */
  public StructuredOutputException(String message, String path, String problem, SourceLocation location,
      String answer, int repairs) {
    super(StandardErrorCode.INVALID_REQUEST, message, location, null);
    this.path = path;
    this.problem = problem;
    this.answer = answer;
    this.repairs = repairs;
  }

  /** Where in the answer the first problem is, as a JSON path such as {@code $.address.city}, when it is JSON. */
  public Optional<String> path() {
    return Optional.ofNullable(path);
  }

  /** What was wrong. */
  public String problem() {
    return problem;
  }

  /** The answer's text, as the model produced it. */
  public String answer() {
    return answer;
  }

  /** How many repair requests were made. */
  public int repairs() {
    return repairs;
  }
}
