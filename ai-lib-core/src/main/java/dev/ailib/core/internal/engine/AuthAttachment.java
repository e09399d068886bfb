package dev.ailib.core.internal.engine;

import dev.ailib.core.spi.manifest.AuthSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a credential goes on a request, as the manifest's auth says: a bearer header ({@code Authorization: Bearer
 * <key>}, or the declared header and prefix), a custom header ({@code x-api-key: <key>}) or a query parameter
 * ({@code ?key=<key>}). The request factory applies it to every attempt. Holds the secret: {@link #toString()} shows
 * only the names.
 *
 * @param headers the headers to set, by name
 * @param queryParams the query parameters to add, by name
 */
public record AuthAttachment(Map<String, String> headers, Map<String, String> queryParams) {

  /** Copies. */
  public AuthAttachment {
    headers = Map.copyOf(headers);
    queryParams = Map.copyOf(queryParams);
  }

  /**
   * The attachment of a key.
   *
   * @param auth the manifest's auth
   * @param key the credential, or null for none
   * @return the headers and query parameters carrying it (empty for auth type none or no key)
   */
  public static AuthAttachment of(AuthSpec auth, String key) {
    Objects.requireNonNull(auth, "auth");
    Map<String, String> headers = new LinkedHashMap<>();
    Map<String, String> query = new LinkedHashMap<>();
    if (key != null) {
      switch (auth.type()) {
        case BEARER -> headers.put(auth.headerName() == null ? "Authorization" : auth.headerName(),
            (auth.prefix() == null ? "Bearer" : auth.prefix()) + " " + key);
        case HEADER -> headers.put(auth.headerName() == null ? "Authorization" : auth.headerName(),
            auth.prefix() == null || auth.prefix().isEmpty() ? key : auth.prefix() + " " + key);
        case QUERY -> query.put(auth.queryParam() == null ? "key" : auth.queryParam(), key);
        case NONE -> {
          // no credential
        }
      }
    }
    return new AuthAttachment(headers, query);
  }

  @Override
  public String toString() {
    return "AuthAttachment[headers=" + headers.keySet() + ", queryParams=" + queryParams.keySet() + ", values=<redacted>]";
  }
}
