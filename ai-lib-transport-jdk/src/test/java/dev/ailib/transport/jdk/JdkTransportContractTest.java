package dev.ailib.transport.jdk;

import dev.ailib.core.spi.transport.TransportProvider;
import dev.ailib.testkit.tck.TransportContractTest;

/** The jdk transport against the transport contract kit. */
class JdkTransportContractTest extends TransportContractTest {
  @Override
  protected TransportProvider provider() {
    return new JdkTransportProvider();
  }

  /**
   * The JDK client never closes the connection of a response head it rejects, and on Java 17 nothing public can
   * close it (not even dropping the client); from Java 21 the transport retires the client, whose shutdown closes
   * it. See docs/transports.md.
   */
  /** {@code exchange} is {@code HttpClient.sendAsync} with a body subscriber: no thread per exchange. */
  @Override
  protected boolean exchangesWithoutBlocking() {
    return true;
  }

  @Override
  protected boolean closesConnectionsAfterMalformedResponseHeads() {
    return Runtime.version().feature() >= 21;
  }
}
