package dev.ailib.core.internal.engine;

import java.util.Objects;

/** A credential that never prints itself. */
final class Secret {
  private final String value;

  Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  /** The credential, for the one place that attaches it to a request. */
  String reveal() {
    return value;
  }

  /**
   * Text with every occurrence of this credential masked (provider error messages sometimes echo it).
   *
   * @param text any text, may be null
   * @return the text without the credential
   */
  String redact(String text) {
    return text == null || value.length() < 4 ? text : text.replace(value, "[redacted]");
  }

  @Override
  public String toString() {
    return "***";
  }
}
