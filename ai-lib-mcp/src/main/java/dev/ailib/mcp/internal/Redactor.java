package dev.ailib.mcp.internal;

import dev.ailib.mcp.McpServerConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Masks the secrets of one server's configuration (header values, environment values, the endpoint's query) in
 * texts that leave the bridge: messages for the model, exceptions and logs. Exceptions of the HTTP stack can quote
 * the URL, and a server's error output can echo what it was given.
 */
public final class Redactor {
  private static final int MIN_SECRET_CHARS = 4;
  private final List<String> secrets;

  /**
   * The redactor of a server.
   *
   * @param config the server's configuration
   */
  public Redactor(McpServerConfig config) {
    List<String> s = new ArrayList<>();
    if (config.transport() instanceof McpServerConfig.StreamableHttp http) {
      for (String value : http.headers().values()) {
        s.add(value);
        int space = value.indexOf(' ');
        if (space > 0) {
          s.add(value.substring(space + 1)); // the token of "Bearer <token>"
        }
      }
      if (http.endpoint().getRawQuery() != null) {
        s.add(http.endpoint().getRawQuery());
      }
    } else if (config.transport() instanceof McpServerConfig.Stdio stdio) {
      s.addAll(stdio.environment().values());
    }
    s.removeIf(v -> v.length() < MIN_SECRET_CHARS);
    s.sort(Comparator.comparingInt(String::length).reversed());
    this.secrets = List.copyOf(s);
  }

  /**
   * The text with every secret replaced by {@code ***}.
   *
   * @param text any text, or null
   * @return the masked text ({@code "null"} for null)
   */
  public String mask(String text) {
    String out = String.valueOf(text);
    for (String secret : secrets) {
      out = out.replace(secret, "***");
    }
    return out;
  }
}
