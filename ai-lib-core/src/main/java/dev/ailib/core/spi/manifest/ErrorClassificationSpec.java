package dev.ailib.core.spi.manifest;

import dev.ailib.api.error.StandardErrorCode;
import java.util.Map;

/**
 * How the provider's errors map to standard codes: by the provider's own error code first, then by HTTP status.
 *
 * <p>Build with {@link #builder()}: a field added in a later release changes the canonical constructor, not the
 * builder.
 *
 * @param byHttpStatus HTTP status to standard code
 * @param byErrorCode the provider's error code or type to standard code
 */
public record ErrorClassificationSpec(Map<Integer, StandardErrorCode> byHttpStatus,
    Map<String, StandardErrorCode> byErrorCode) {

  /** Nothing declared: the standard mapping applies. */
  public static final ErrorClassificationSpec NONE = new ErrorClassificationSpec(Map.of(), Map.of());

  /** Copies. */
  public ErrorClassificationSpec {
    byHttpStatus = Map.copyOf(byHttpStatus == null ? Map.of() : byHttpStatus);
    byErrorCode = Map.copyOf(byErrorCode == null ? Map.of() : byErrorCode);
  }

  /**
   * A builder with nothing set.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding these values, to derive a changed copy.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    return new Builder().byHttpStatus(byHttpStatus).byErrorCode(byErrorCode);
  }

  /** Builds a {@link ErrorClassificationSpec}. Not thread-safe. */
  public static final class Builder {
    private Map<Integer, StandardErrorCode> byHttpStatus;
    private Map<String, StandardErrorCode> byErrorCode;

    private Builder() {
    }

    /**
     * Sets {@link ErrorClassificationSpec#byHttpStatus()}.
     *
     * @param byHttpStatus HTTP status to standard code
     * @return this builder
     */
    public Builder byHttpStatus(Map<Integer, StandardErrorCode> byHttpStatus) {
      this.byHttpStatus = byHttpStatus;
      return this;
    }

    /**
     * Sets {@link ErrorClassificationSpec#byErrorCode()}.
     *
     * @param byErrorCode the provider's error code or type to standard code
     * @return this builder
     */
    public Builder byErrorCode(Map<String, StandardErrorCode> byErrorCode) {
      this.byErrorCode = byErrorCode;
      return this;
    }

    /**
     * Builds the value.
     *
     * @return the value
     */
    public ErrorClassificationSpec build() {
      return new ErrorClassificationSpec(byHttpStatus, byErrorCode);
    }
  }
}
