package dev.ailib.transport.jdk;

import dev.ailib.core.spi.transport.HttpHeaders;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts the JDK's response headers to the port's, dropping HTTP/2 pseudo-headers. */
final class JdkHeaders {
  private JdkHeaders() {
  }

  static HttpHeaders from(java.net.http.HttpHeaders headers) {
    Map<String, List<String>> all = headers.map();
    boolean pseudo = false;
    for (String name : all.keySet()) {
      if (name == null || name.startsWith(":")) {
        pseudo = true;
        break;
      }
    }
    if (!pseudo) {
      return HttpHeaders.of(all); // HTTP/1.1: no pseudo-headers, no intermediate copy
    }
    Map<String, List<String>> m = new LinkedHashMap<>();
    headers.map().forEach((name, values) -> {
      if (name != null && !name.startsWith(":")) {
        m.put(name, values);
      }
    });
    return HttpHeaders.of(m);
  }
}
