package dev.ailib.core.internal.engine;

import dev.ailib.api.spi.ClientConfig;
import dev.ailib.api.spi.ClientEngine;
import dev.ailib.api.spi.ClientEngineProvider;
import dev.ailib.core.internal.discovery.Discovery;
import dev.ailib.core.internal.discovery.JacksonVersionCheck;
import dev.ailib.core.internal.resilience.FailsafeResilience;

/**
 * The standard engine, found by {@link java.util.ServiceLoader}, with the Failsafe-based resilience policies.
 * Building a client first checks that the Jackson on the class path is recent enough
 * ({@link JacksonVersionCheck}).
 */
public final class DefaultEngineProvider implements ClientEngineProvider {

  /** For ServiceLoader. */
  public DefaultEngineProvider() {
  }

  @Override
  public ClientEngine create(ClientConfig config) {
    JacksonVersionCheck.requireSupported();
    return new DefaultEngine(config, Discovery.standard(), FailsafeResilience::create);
  }
}
