package dev.ailib.core.spi.manifest;

import java.util.List;
import java.util.Map;

/**
 * How a credential is attached to requests.
 *
 * @param type bearer header, custom header, query parameter, or none
 * @param headerName the header for {@link Type#BEARER} (usually Authorization) and {@link Type#HEADER}
 * @param prefix the value prefix such as {@code Bearer}, or null
 * @param queryParam the query parameter for {@link Type#QUERY}
 * @param tokenEnvVars environment variables the key may come from, in order
 * @param extraHeaders constant headers every request carries (such as {@code anthropic-version})
 */
public record AuthSpec(Type type, String headerName, String prefix, String queryParam, List<String> tokenEnvVars,
    Map<String, String> extraHeaders) {

  /** The ways a credential is attached. */
  public enum Type {
    /** {@code Authorization: Bearer <key>}. */
    BEARER,
    /** A custom header carries the raw key (e.g. {@code x-api-key}). */
    HEADER,
    /** A query parameter carries the key (e.g. {@code ?key=}). */
    QUERY,
    /** No credential. */
    NONE
  }

  /** Copies and defaults. */
  public AuthSpec {
    tokenEnvVars = List.copyOf(tokenEnvVars == null ? List.of() : tokenEnvVars);
    extraHeaders = Map.copyOf(extraHeaders == null ? Map.of() : extraHeaders);
  }
}
