package dev.ailib.core.spi.transport;

import dev.ailib.api.spi.ClientComponent;

/**
 * Creates transports; found with {@link java.util.ServiceLoader}. With several on the path, the one named by
 * the builder ({@code transport("jdk")}) or the system property {@code ailib.transport} wins, else the highest
 * {@link #priority()} (ties broken by name).
 */
public interface TransportProvider extends ClientComponent {

  /** A short name users pick it by, such as {@code jdk} or {@code httpclient5}. */
  String name();

  /** Higher wins when nothing picks a transport explicitly. */
  int priority();

  /**
   * Creates a transport.
   *
   * @param config its settings
   * @return the transport
   */
  Transport create(TransportConfig config);
}
