package dev.ailib.core.internal.response;

import java.util.Objects;

/**
 * Who gave an answer, for the messages of the errors it leads to, and the secrets those messages must not show.
 *
 * @param provider the provider id, or null when unknown
 * @param model the model id, or null when unknown
 * @param redactor the call's secrets
 */
public record Origin(String provider, String model, Redactor redactor) {

  /** An answer of unknown origin, with no secret known. */
  public static final Origin UNKNOWN = new Origin(null, null, Redactor.NONE);

  /** Checks. */
  public Origin {
    Objects.requireNonNull(redactor, "redactor");
  }

  /** Such as {@code provider 'openai' (model gpt-4o)}, or {@code the provider}. */
  public String describe() {
    if (provider == null) {
      return "the provider";
    }
    return "provider '" + provider + "'" + (model == null ? "" : " (model " + model + ")");
  }
}
