package dev.ailib.core.spi.manifest;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a credential is attached to requests.
 *
 * <p>Build with {@link #builder()}: a field added in a later release changes the canonical constructor, not the
 * builder.
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

  /** Checks and copies. */
  public AuthSpec {
    Objects.requireNonNull(type, "type");
    tokenEnvVars = List.copyOf(tokenEnvVars == null ? List.of() : tokenEnvVars);
    extraHeaders = Map.copyOf(extraHeaders == null ? Map.of() : extraHeaders);
    shadowedEnvVars = List.copyOf(shadowedEnvVars == null ? List.of() : shadowedEnvVars);
  }

  /**
   * A builder with nothing set; {@code type} is required.
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
    return new Builder().type(type).headerName(headerName).prefix(prefix).queryParam(queryParam)
        .tokenEnvVars(tokenEnvVars).extraHeaders(extraHeaders).shadowedEnvVars(shadowedEnvVars);
  }

  /** Builds a {@link AuthSpec}. Not thread-safe. */
  public static final class Builder {
    private Type type;
    private String headerName;
    private String prefix;
    private String queryParam;
    private List<String> tokenEnvVars;
    private Map<String, String> extraHeaders;
    private List<String> shadowedEnvVars;

    private Builder() {
    }

    /**
     * Sets {@link AuthSpec#type()} (required).
     *
     * @param type bearer header, custom header, query parameter, or none
     * @return this builder
     */
    public Builder type(Type type) {
      this.type = type;
      return this;
    }

    /**
     * Sets {@link AuthSpec#headerName()}.
     *
     * @param headerName the header for {@link Type#BEARER} (usually Authorization) and {@link Type#HEADER}
     * @return this builder
     */
    public Builder headerName(String headerName) {
      this.headerName = headerName;
      return this;
    }

    /**
     * Sets {@link AuthSpec#prefix()}.
     *
     * @param prefix the value prefix such as {@code Bearer}, or null
     * @return this builder
     */
    public Builder prefix(String prefix) {
      this.prefix = prefix;
      return this;
    }

    /**
     * Sets {@link AuthSpec#queryParam()}.
     *
     * @param queryParam the query parameter for {@link Type#QUERY}
     * @return this builder
     */
    public Builder queryParam(String queryParam) {
      this.queryParam = queryParam;
      return this;
    }

    /**
     * Sets {@link AuthSpec#tokenEnvVars()}.
     *
     * @param tokenEnvVars environment variables the key may come from, in order
     * @return this builder
     */
    public Builder tokenEnvVars(List<String> tokenEnvVars) {
      this.tokenEnvVars = tokenEnvVars;
      return this;
    }

    /**
     * Sets {@link AuthSpec#extraHeaders()}.
     *
     * @param extraHeaders constant headers every request carries (such as {@code anthropic-version})
     * @return this builder
     */
    public Builder extraHeaders(Map<String, String> extraHeaders) {
      this.extraHeaders = extraHeaders;
      return this;
    }

    /**
     * Sets {@link AuthSpec#shadowedEnvVars()}.
     *
     * @param shadowedEnvVars variables named by a second, ignored auth block (a v1 top-level {@code auth} beside a v2
     *     {@code endpoint.auth}); never read for credentials, only mentioned in diagnostics
     * @return this builder
     */
    public Builder shadowedEnvVars(List<String> shadowedEnvVars) {
      this.shadowedEnvVars = shadowedEnvVars;
      return this;
    }

    /**
     * Builds the value.
     *
     * @return the value
     * @throws RuntimeException when a required value is missing or a value is invalid
     */
    public AuthSpec build() {
      return new AuthSpec(type, headerName, prefix, queryParam, tokenEnvVars, extraHeaders, shadowedEnvVars);
    }
  }
}
