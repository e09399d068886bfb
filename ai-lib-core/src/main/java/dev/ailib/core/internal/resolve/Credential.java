package dev.ailib.core.internal.resolve;

import java.util.Objects;

/**
 * A resolved API key and where it came from. {@link #toString()} never shows the key.
 *
 * @param value the key; null only for {@link Source#NONE}
 * @param source where it came from
 * @param sourceName the variable it was read from, {@code explicit} for a key passed in code, or null for none
 */
public record Credential(String value, Source source, String sourceName) {

  /** The credential of a provider that needs none. */
  public static final Credential NONE = new Credential(null, Source.NONE, null);

  /** Where a key came from, in the order they are tried. */
  public enum Source {
    /** Passed in code (the client builder or the call). */
    EXPLICIT,
    /** A variable the manifest names ({@code token_env}, {@code key_env}). */
    MANIFEST_ENV,
    /** The conventional {@code <PROVIDER>_API_KEY} variable. */
    CONVENTIONAL_ENV,
    /** The provider needs no key. */
    NONE
  }

  /** Checks. */
  public Credential {
    Objects.requireNonNull(source, "source");
    if (source != Source.NONE && (value == null || value.isEmpty())) {
      throw new IllegalArgumentException("a credential from " + source + " needs a value");
    }
  }

  @Override
  public String toString() {
    return "Credential[source=" + source + ", name=" + sourceName + ", value=" + (value == null ? "none" : "<redacted>")
        + "]";
  }
}
