package dev.ailib.core.internal.engine;

import dev.ailib.api.spi.ClientConfig;
import dev.ailib.api.spi.ClientEngine;
import dev.ailib.api.spi.ClientEngineProvider;
import dev.ailib.core.internal.discovery.Discovery;
import dev.ailib.core.internal.resilience.Resilience;
import dev.ailib.core.internal.resilience.SingleAttempt;
import java.time.Clock;

/** The standard engine, found by {@link java.util.ServiceLoader}. */
public final class DefaultEngineProvider implements ClientEngineProvider {

  /** For ServiceLoader. */
  public DefaultEngineProvider() {
  }

  @Override
  public ClientEngine create(ClientConfig config) {
    return new DefaultEngine(config, Discovery.standard(), resilience(config), Clock.systemUTC());
  }

  /** The resilience policies of a client: the one place they are chosen. */
  static Resilience resilience(ClientConfig config) {
    return new SingleAttempt();
  }
}
