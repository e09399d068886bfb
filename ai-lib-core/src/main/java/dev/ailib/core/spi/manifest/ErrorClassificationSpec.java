package dev.ailib.core.spi.manifest;

import dev.ailib.api.error.StandardErrorCode;
import java.util.Map;

/**
 * How the provider's errors map to standard codes: by the provider's own error code first, then by HTTP status.
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
}
