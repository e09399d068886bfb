package dev.ailib.protocol.yaml;

import dev.ailib.core.spi.transport.HttpHeaders;
import dev.ailib.core.spi.transport.TransportRequest;
import java.lang.System.Logger.Level;
import java.util.Locale;

/**
 * What a manifest may put on the wire, checked at load so the error names the file, line and field: the base URL's
 * scheme (https, or http for a local server; anything else, such as {@code ftp://}, would send the key in the
 * clear or fail deep in a transport) and header names and values (a CR or LF in an auth header name or an extra
 * header would inject headers). The same rules are applied again to every request ({@link TransportRequest}).
 */
final class HttpChecks {
  private static final System.Logger LOG = System.getLogger(HttpChecks.class.getName());

  private HttpChecks() {
  }

  /**
   * Checks a base URL. One whose scheme comes from a variable ({@code ${...}}) is checked when requests are built.
   * Cleartext http to a host that is not loopback is allowed with a warning.
   *
   * @param node the base_url value, for the location
   * @param url its text
   */
  static void baseUrl(Node node, String url) {
    String t = url.strip();
    if (t.startsWith("${")) {
      return;
    }
    int sep = t.indexOf("://");
    String scheme = sep > 0 ? t.substring(0, sep) : "";
    if (sep <= 0 || !scheme.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
      throw node.error("base_url must be an absolute https URL (or http for a local server), such as "
          + "https://api.example.com/v1");
    }
    String lower = scheme.toLowerCase(Locale.ROOT);
    if (!lower.equals("https") && !lower.equals("http")) {
      throw node.error("base_url must use https (or http for a local server), not '" + HttpHeaders.printable(scheme)
          + "'");
    }
    if (lower.equals("http")) {
      String host = host(t, sep + 3);
      if (!host.contains("${") && !TransportRequest.isLoopbackHost(host)) {
        LOG.log(Level.WARNING, "{0}: base_url sends cleartext http to {1}: the API key and the conversation "
            + "travel unencrypted; use https", node.location(), host);
      }
    }
  }

  /** The host of a URL text after its {@code ://}: up to the port, path, query or end; user-info dropped. */
  private static String host(String url, int start) {
    int end = url.length();
    for (int i = start; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c == '/' || c == '?' || c == '#') {
        end = i;
        break;
      }
    }
    String authority = url.substring(start, end);
    authority = authority.substring(authority.lastIndexOf('@') + 1);
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      return close > 0 ? authority.substring(0, close + 1) : authority;
    }
    int colon = authority.indexOf(':');
    return colon >= 0 ? authority.substring(0, colon) : authority;
  }

  /**
   * Checks a header name from a manifest.
   *
   * @param node where it is written, for the location
   * @param name the name
   * @param field what it is, such as {@code auth.header}
   */
  static void headerName(Node node, String name, String field) {
    int bad = HttpHeaders.invalidNameIndex(name);
    if (bad >= 0) {
      throw node.error(field + " '" + HttpHeaders.printable(name) + "' is not a valid HTTP header name"
          + (name.isEmpty() ? "" : " (" + HttpHeaders.describeChar(name, bad)
          + "): only letters, digits and !#$%&'*+-.^_`|~ are allowed"));
    }
  }

  /**
   * Checks a header value (or the prefix of one) from a manifest.
   *
   * @param node where it is written, for the location
   * @param value the value
   * @param field what it is, such as {@code auth.prefix}
   */
  static void headerValue(Node node, String value, String field) {
    int bad = HttpHeaders.invalidValueIndex(value);
    if (bad >= 0) {
      throw node.error(field + " has a character that cannot be sent in an HTTP header ("
          + HttpHeaders.describeChar(value, bad) + "): only visible ASCII, space and tab are allowed");
    }
  }
}
