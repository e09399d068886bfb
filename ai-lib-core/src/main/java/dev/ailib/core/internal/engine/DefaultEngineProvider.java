package dev.ailib.core.internal.engine;

import dev.ailib.api.spi.ClientConfig;
import dev.ailib.api.spi.ClientEngine;
import dev.ailib.api.spi.ClientEngineProvider;
import dev.ailib.core.internal.discovery.Discovery;
import dev.ailib.core.internal.resilience.FailsafeResilience;

/** The standard engine, found by {@link java.util.ServiceLoader}, with the Failsafe-based resilience policies. */
public final class DefaultEngineProvider implements ClientEngineProvider {

  /** For ServiceLoader. */
  public DefaultEngineProvider() {
  }

  @Override
  public ClientEngine create(ClientConfig config) {
    return new DefaultEngine(config, Discovery.standard(), FailsafeResilience::create);
  }
}
