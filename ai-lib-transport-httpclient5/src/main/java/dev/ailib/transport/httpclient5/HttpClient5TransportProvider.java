package dev.ailib.transport.httpclient5;

import dev.ailib.core.spi.transport.Transport;
import dev.ailib.core.spi.transport.TransportConfig;
import dev.ailib.core.spi.transport.TransportProvider;
import java.util.Objects;

/**
 * Creates transports on Apache HttpClient 5. Name {@value #NAME}, priority {@value #PRIORITY} (above
 * {@code jdk}: when both are on the path and nothing picks one explicitly, this one wins).
 */
public final class HttpClient5TransportProvider implements TransportProvider {
  /** The name users pick this transport by. */
  public static final String NAME = "httpclient5";
  /** The priority when nothing picks a transport explicitly. */
  public static final int PRIORITY = 200;

  /** Creates the provider (used by {@link java.util.ServiceLoader}). */
  public HttpClient5TransportProvider() {
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int priority() {
    return PRIORITY;
  }

  @Override
  public Transport create(TransportConfig config) {
    return new HttpClient5Transport(Objects.requireNonNull(config, "config"));
  }

  @Override
  public String toString() {
    return "HttpClient5TransportProvider[name=" + NAME + ", priority=" + PRIORITY + "]";
  }
}
