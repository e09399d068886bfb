package dev.ailib.core.internal.response;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.StandardErrorCode;

/**
 * Errors for answers that are not what their wire style promises (a 200 whose body is not a chat completion, a
 * stream frame that is not JSON, a frame over a decoder limit): all {@link ProtocolException}s with
 * {@link StandardErrorCode#SERVER_ERROR} (E3001), streaming or not, naming the provider and what was wrong or
 * missing, never quoting the body beyond what the caller's redactor then masks.
 */
public final class Answers {
  private Answers() {
  }

  /**
   * A malformed answer.
   *
   * @param provider the provider id, may be null
   * @param problem what is wrong, such as {@code "choices" is missing}
   * @param cause the parser's exception, or null
   * @return the exception to throw
   */
  public static ProtocolException malformed(String provider, String problem, Throwable cause) {
    String who = provider == null ? "the provider" : "provider '" + provider + "'";
    return new ProtocolException(StandardErrorCode.SERVER_ERROR, "the answer from " + who + " is unusable: "
        + problem, null, cause);
  }

  /**
   * A successful (2xx) answer that is not the wire style's response object.
   *
   * @param provider the provider id
   * @param wireStyle what was expected, such as {@code an OpenAI chat completion}
   * @param problem what is missing or wrong
   * @return the exception to throw
   */
  public static ProtocolException notAResponse(String provider, String wireStyle, String problem) {
    return malformed(provider, "the response body is not " + wireStyle + ": " + problem, null);
  }

  /**
   * How a JSON value is described in a message: its kind, and for a number or boolean its value.
   *
   * @param n the value, may be null (missing)
   * @return such as {@code an array}, {@code a string}, {@code the number 42}, {@code null}, {@code missing}
   */
  public static String describe(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return "missing";
    }
    if (n.isNull()) {
      return "null";
    }
    if (n.isObject()) {
      return "an object";
    }
    if (n.isArray()) {
      return "an array"; // never "empty": parts not read are skipped, not built
    }
    if (n.isTextual()) {
      return "a string";
    }
    if (n.isNumber()) {
      return "the number " + n.asText();
    }
    if (n.isBoolean()) {
      return "the boolean " + n.asText();
    }
    return n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
  }
}
