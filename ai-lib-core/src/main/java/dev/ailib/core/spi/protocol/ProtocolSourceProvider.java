package dev.ailib.core.spi.protocol;

/** Creates protocol sources; found with {@link java.util.ServiceLoader}; highest priority wins. */
public interface ProtocolSourceProvider {

  /**
   * Creates a source.
   *
   * @param config its settings
   * @return the source
   */
  ProtocolSource create(ProtocolSourceConfig config);

  /** Higher wins when several are present. */
  default int priority() {
    return 0;
  }
}
