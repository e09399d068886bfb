package dev.ailib.transport.jdk;

import dev.ailib.core.spi.transport.Transport;
import dev.ailib.core.spi.transport.TransportConfig;
import dev.ailib.core.spi.transport.TransportProvider;
import java.util.Objects;

/**
 * Creates transports on {@code java.net.http.HttpClient}. Name {@value #NAME}, priority {@value #PRIORITY}
 * (below {@code httpclient5}, so that one wins when both are present and nothing picks explicitly).
 */
public final class JdkTransportProvider implements TransportProvider {
  /** The name users pick this transport by. */
  public static final String NAME = "jdk";
  /** The priority when nothing picks a transport explicitly. */
  public static final int PRIORITY = 100;

  /** Creates the provider (used by {@link java.util.ServiceLoader}). */
  public JdkTransportProvider() {
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
    return new JdkTransport(Objects.requireNonNull(config, "config"));
  }

  @Override
  public String toString() {
    return "JdkTransportProvider[name=" + NAME + ", priority=" + PRIORITY + "]";
  }
}
