package dev.ailib.core.internal.engine;

import dev.ailib.api.spi.ClientConfig;
import dev.ailib.api.spi.ClientEngine;
import dev.ailib.api.spi.ClientEngineProvider;

/** The standard engine, found by {@link java.util.ServiceLoader}. */
public final class DefaultEngineProvider implements ClientEngineProvider {

  /** For ServiceLoader. */
  public DefaultEngineProvider() {
  }

  @Override
  public ClientEngine create(ClientConfig config) {
    throw new UnsupportedOperationException("engine not implemented yet");
  }
}
