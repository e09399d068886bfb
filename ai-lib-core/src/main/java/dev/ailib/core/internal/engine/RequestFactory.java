package dev.ailib.core.internal.engine;

import dev.ailib.api.error.ProtocolException;
import dev.ailib.core.internal.codec.WireCodec;
import dev.ailib.core.internal.resolve.Placeholders;
import dev.ailib.core.spi.manifest.AuthSpec;
import dev.ailib.core.spi.manifest.EndpointSpec;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.transport.HttpHeaders;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link RequestTemplate}s of a target, once per resolved target: the URL (base URL + the codec's chat
 * path or another operation's path, with {@code {model}} substituted, plus for streams the codec's and the manifest's
 * stream query), the credential
 * as the manifest's auth says (bearer header, custom header or query parameter), the manifest's extra headers.
 *
 * <p>A model id goes into the path as one value: characters other than letters, digits, {@code -._~:@/} are
 * percent-encoded, and an id with a {@code .} or {@code ..} segment or an empty segment is refused, so that no
 * model id (for manifests that accept unlisted ones) can move the request to another path of the provider.
 */
final class RequestFactory {
  static final String USER_AGENT = "ai-lib-java/0.1";

  private RequestFactory() {
  }

  /**
   * The template of a target's chat requests.
   *
   * @param provider the provider id (for messages)
   * @param modelId the wire model id
   * @param manifest the manifest
   * @param codec the codec of the manifest's wire style
   * @param apiKey the credential, or null
   * @param baseUrl the base URL
   * @param stream whether the template is for streaming requests
   * @param placeholders fills {@code ${VAR}} placeholders of the path, stream query and header values
   * @return the template
   * @throws ProtocolException when the manifest has no chat path, the model id cannot be put into the path, the
   *     URL is invalid or a placeholder's variable is not set
   */
  static RequestTemplate template(String provider, String modelId, ProviderManifest manifest, WireCodec codec,
      Secret apiKey, URI baseUrl, boolean stream, Placeholders placeholders) {
    EndpointSpec endpoint = manifest.endpoint();
    String path = codec.chatPath(endpoint, stream);
    if (path == null) {
      throw new ProtocolException("the manifest of provider '" + provider + "' (" + manifest.source()
          + ") has no chat path");
    }
    Map<String, String> query = new LinkedHashMap<>();
    if (stream) {
      query.putAll(codec.streamQuery(endpoint));
      endpoint.streamQuery().forEach((k, v) -> query.put(k, placeholders.fill(manifest,
          "endpoints.stream_chat.query." + k, v)));
    }
    return template(provider, modelId, manifest, stream ? "streaming chat path" : "chat path", path,
        endpoint.method(), query, stream, apiKey, baseUrl, placeholders);
  }

  /**
   * The template of one endpoint's requests: chat, or another operation's path.
   *
   * @param provider the provider id (for messages)
   * @param modelId the wire model id
   * @param manifest the manifest
   * @param what the path's name, for messages (such as {@code chat path} or {@code embeddings path})
   * @param path the path template, may hold {@code {model}} and {@code ${VAR}} placeholders
   * @param method the HTTP method
   * @param query query parameters besides the credential's (placeholders already filled)
   * @param stream whether the requests stream (their {@code Accept} header)
   * @param apiKey the credential, or null
   * @param baseUrl the base URL
   * @param placeholders fills {@code ${VAR}} placeholders of the path and header values
   * @return the template
   * @throws ProtocolException when the model id cannot be put into the path, the URL is invalid or a placeholder's
   *     variable is not set
   */
  static RequestTemplate template(String provider, String modelId, ProviderManifest manifest, String what,
      String path, String method, Map<String, String> query, boolean stream, Secret apiKey, URI baseUrl,
      Placeholders placeholders) {
    path = placeholders.fill(manifest, what, path);
    if (path.contains("{model}")) {
      path = path.replace("{model}", pathValue(provider, manifest, modelId, path));
    }
    Map<String, String> params = new LinkedHashMap<>(query);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Content-Type", List.of("application/json"));
    headers.put("Accept", List.of(stream ? "text/event-stream" : "application/json"));
    headers.put("User-Agent", List.of(USER_AGENT));
    AuthSpec auth = manifest.auth();
    auth.extraHeaders().forEach((k, v) -> headers.put(k, List.of(placeholders.fill(manifest,
        "auth.extra_headers." + k, v))));
    if (apiKey != null) {
      AuthAttachment attach = AuthAttachment.of(auth, apiKey.reveal());
      attach.headers().forEach((k, v) -> headers.put(k, List.of(v)));
      params.putAll(attach.queryParams());
    }
    return new RequestTemplate(method, uri(baseUrl, path, params), HttpHeaders.of(headers));
  }

  static URI uri(URI base, String path, Map<String, String> query) {
    String b = base.toString();
    String existingQuery = null;
    int q = b.indexOf('?');
    if (q >= 0) {
      existingQuery = b.substring(q + 1);
      b = b.substring(0, q);
    }
    while (b.endsWith("/")) {
      b = b.substring(0, b.length() - 1);
    }
    StringBuilder s = new StringBuilder(b);
    if (!path.isEmpty() && !path.startsWith("/")) {
      s.append('/');
    }
    s.append(path);
    StringBuilder qs = new StringBuilder(existingQuery == null ? "" : existingQuery);
    query.forEach((k, v) -> {
      if (qs.length() > 0) {
        qs.append('&');
      }
      qs.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
    });
    if (qs.length() > 0) {
      s.append('?').append(qs);
    }
    try {
      return URI.create(s.toString());
    } catch (IllegalArgumentException e) {
      throw new ProtocolException("cannot build a valid URL from base '" + dev.ailib.core.spi.transport.TransportRequest.redact(base)
          + "' and path '" + path + "'");
    }
  }

  /**
   * A model id as it goes into the path: refused when one of its segments is {@code .}, {@code ..} or empty (it
   * would address another path), else {@link #encodePath percent-encoded}.
   */
  private static String pathValue(String provider, ProviderManifest manifest, String modelId, String path) {
    int from = 0;
    while (true) {
      int slash = modelId.indexOf('/', from);
      String segment = modelId.substring(from, slash < 0 ? modelId.length() : slash);
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new ProtocolException("model id '" + modelId + "' for provider '" + provider + "' ("
            + manifest.source() + ") cannot go into the request path '" + path + "': "
            + (segment.isEmpty() ? "it has an empty path segment" : "its '" + segment + "' segment would move "
                + "the request to another path")
            + "; a model id must not start or end with '/', hold '//', or have '.' or '..' segments");
      }
      if (slash < 0) {
        return encodePath(modelId);
      }
      from = slash + 1;
    }
  }

  /** Percent-encodes a path segment value, keeping the characters a model id normally has. */
  static String encodePath(String value) {
    StringBuilder b = new StringBuilder();
    for (byte by : value.getBytes(StandardCharsets.UTF_8)) {
      int c = by & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~:@/".indexOf(c) >= 0) {
        b.append((char) c);
      } else {
        b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return b.toString();
  }
}
