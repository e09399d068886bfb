package dev.ailib.api.spi;

/**
 * Creates engines; found with {@link java.util.ServiceLoader}. ai-lib-core provides the standard one.
 * When several are present the highest {@link #priority()} wins.
 */
public interface ClientEngineProvider {

  /**
   * Creates an engine for one client.
   *
   * @param config the client's configuration
   * @return the engine
   */
  ClientEngine create(ClientConfig config);

  /** Higher wins when several providers are present. */
  default int priority() {
    return 0;
  }
}
