package dev.ailib.transport.jdk;

import dev.ailib.core.spi.transport.TransportProvider;
import dev.ailib.testkit.tck.TransportContractTest;

/** The jdk transport against the transport contract kit. */
class JdkTransportContractTest extends TransportContractTest {
  @Override
  protected TransportProvider provider() {
    return new JdkTransportProvider();
  }
}
