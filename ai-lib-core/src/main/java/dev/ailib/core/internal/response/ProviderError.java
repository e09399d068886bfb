package dev.ailib.core.internal.response;

import dev.ailib.api.error.RemoteException;
import dev.ailib.api.error.StandardErrorCode;
import java.time.Duration;
import java.util.Objects;

/**
 * A provider's error as classified: what an HTTP error response or an in-stream error frame said, read once by
 * {@link ErrorClassifier}. A value; {@link #toException} makes the {@link RemoteException} the caller sees, with
 * every text passed through the call's {@link Redactor} before it is cut.
 *
 * @param code the standard code
 * @param httpStatus the HTTP status, or -1 for an error frame inside a stream
 * @param providerCode the provider's own code or type (such as {@code insufficient_quota},
 *     {@code overloaded_error}, {@code RESOURCE_EXHAUSTED}), or null
 * @param message the provider's message (or what stands for it: the start of a body that is not JSON, the
 *     redirect a 3xx asked for), unredacted, or null
 * @param requestId the provider's request id (header, else body), or null
 * @param retryAfter how long the provider asked to wait (header, else body), or null
 */
public record ProviderError(StandardErrorCode code, int httpStatus, String providerCode, String message,
    String requestId, Duration retryAfter) {

  /** The longest provider message kept in an exception message, counted after redaction. */
  public static final int MAX_MESSAGE = 500;
  /** The longest provider code or request id kept, counted after redaction. */
  public static final int MAX_ID = 200;

  /** Checks. */
  public ProviderError {
    Objects.requireNonNull(code, "code");
  }

  /**
   * The exception for the caller. Message: {@code HTTP 429 from provider 'openai' (model gpt-4o): rate_limited,
   * provider code rate_limit_exceeded: <message> [request id req_1]}, or {@code error frame in the stream from
   * ...} for an in-stream error. The message, the provider code and the request id are redacted, then cut.
   *
   * @param origin who answered, such as {@code provider 'openai' (model gpt-4o)}
   * @param redactor the call's secrets
   * @return the exception
   */
  public RemoteException toException(String origin, Redactor redactor) {
    String pc = redactor.clip(providerCode, MAX_ID);
    String rid = redactor.clip(requestId, MAX_ID);
    StringBuilder m = new StringBuilder(httpStatus > 0 ? "HTTP " + httpStatus + " from " : "error frame in the stream from ")
        .append(redactor.redact(origin)).append(": ").append(code.wireName());
    if (pc != null) {
      m.append(", provider code ").append(pc);
    }
    String text = message == null ? null : redactor.clip(message.strip(), MAX_MESSAGE);
    if (text != null && !text.isEmpty()) {
      m.append(": ").append(text);
    }
    if (rid != null) {
      m.append(" [request id ").append(rid).append(']');
    }
    return new RemoteException(code, m.toString(), httpStatus, pc, rid, retryAfter);
  }
}
