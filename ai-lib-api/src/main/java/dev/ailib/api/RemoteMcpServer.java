package dev.ailib.api;

import dev.ailib.api.internal.Checks;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * A remote MCP server that the provider itself connects to, passed with the request
 * ({@link ChatRequestBuilder#remoteMcpServers(List)}): the provider lists the server's tools, lets the model call
 * them and runs the calls, all inside one request. Only for providers whose manifest declares MCP integration
 * {@code native_api} ({@code mcp.client.supported: true} with {@code provider_mapping.config_method:
 * tool_parameter}); any other provider refuses the request with E1005 before it is sent. To use an MCP server with
 * any model, or a local (stdio) server, connect to it yourself with ai-lib-mcp's {@code McpToolSet} instead.
 *
 * <p>{@link #toString()} never shows the authorization token.
 *
 * @param name the server's name in the request, unique within it
 * @param url the server's MCP endpoint (providers require https)
 * @param authorizationToken an OAuth bearer token the provider sends to the server, or null
 * @param allowedTools the only tools the model may use, or empty for all
 * @param deniedTools tools the model must not use
 */
public record RemoteMcpServer(String name, URI url, String authorizationToken, List<String> allowedTools,
    List<String> deniedTools) {

  /** Checks and copies. */
  public RemoteMcpServer {
    Checks.notNull(name, "remote MCP server name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("remote MCP server name is blank");
    }
    Checks.notNull(url, "url of remote MCP server '" + name + "'");
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("https") || scheme.equals("http")) || url.getHost() == null) {
      throw new IllegalArgumentException("remote MCP server '" + name + "': url must be an absolute http(s) URL, got '"
          + url.getScheme() + "://" + url.getRawAuthority() + "'");
    }
    allowedTools = allowedTools == null ? List.of() : Checks.elements(allowedTools, "allowedTools");
    deniedTools = deniedTools == null ? List.of() : Checks.elements(deniedTools, "deniedTools");
  }

  /**
   * A server with all its tools and no token.
   *
   * @param name the server's name
   * @param url its MCP endpoint
   * @return the server
   */
  public static RemoteMcpServer of(String name, URI url) {
    return new RemoteMcpServer(name, url, null, List.of(), List.of());
  }

  /**
   * A copy with an authorization token.
   *
   * @param token the OAuth bearer token
   * @return the copy
   */
  public RemoteMcpServer withAuthorizationToken(String token) {
    return new RemoteMcpServer(name, url, Checks.notNull(token, "token"), allowedTools, deniedTools);
  }

  /**
   * A copy that allows only these tools.
   *
   * @param tools the tools' names on the server
   * @return the copy
   */
  public RemoteMcpServer withAllowedTools(String... tools) {
    return new RemoteMcpServer(name, url, authorizationToken, Checks.elements("allowedTools", tools), deniedTools);
  }

  /**
   * A copy that denies these tools.
   *
   * @param tools the tools' names on the server
   * @return the copy
   */
  public RemoteMcpServer withDeniedTools(String... tools) {
    return new RemoteMcpServer(name, url, authorizationToken, allowedTools, Checks.elements("deniedTools", tools));
  }

  @Override
  public String toString() {
    return "RemoteMcpServer[" + name + ", " + url.getScheme() + "://" + url.getRawAuthority() + url.getRawPath()
        + (authorizationToken == null ? "" : ", token ***")
        + (allowedTools.isEmpty() ? "" : ", allowed " + allowedTools)
        + (deniedTools.isEmpty() ? "" : ", denied " + deniedTools) + "]";
  }
}
