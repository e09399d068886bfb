package dev.ailib.core.internal.engine;

import java.util.Objects;

/**
 * A credential that never prints itself. Text that may echo it is masked by the call's
 * {@link dev.ailib.core.internal.response.Redactor} ({@link Target#redactor()}).
 */
final class Secret {
  private final String value;

  Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  /** The credential, for the one place that attaches it to a request. */
  String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "***";
  }
}
