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
 * @param shadowedEnvVars variables named by a second, ignored auth block (a v1 top-level {@code auth} beside a
 *     v2 {@code endpoint.auth}); never read for credentials, only mentioned in diagnostics
 */
public record AuthSpec(Type type, String headerName, String prefix, String queryParam, List<String> tokenEnvVars,
    Map<String, String> extraHeaders, List<String> shadowedEnvVars) {

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
    shadowedEnvVars = List.copyOf(shadowedEnvVars == null ? List.of() : shadowedEnvVars);
  }

  /**
   * An auth spec with no shadowed variables.
   *
   * @param type how the key is attached
   * @param headerName the header, or null
   * @param prefix the value prefix, or null
   * @param queryParam the query parameter, or null
   * @param tokenEnvVars variables the key may come from, in order
   * @param extraHeaders constant headers
   */
  public AuthSpec(Type type, String headerName, String prefix, String queryParam, List<String> tokenEnvVars,
      Map<String, String> extraHeaders) {
    this(type, headerName, prefix, queryParam, tokenEnvVars, extraHeaders, List.of());
  }
}
