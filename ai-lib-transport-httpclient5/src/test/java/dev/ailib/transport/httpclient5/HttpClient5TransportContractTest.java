package dev.ailib.transport.httpclient5;

import dev.ailib.core.spi.transport.TransportProvider;
import dev.ailib.testkit.tck.TransportContractTest;

/** The httpclient5 transport against the transport contract kit. */
class HttpClient5TransportContractTest extends TransportContractTest {
  @Override
  protected TransportProvider provider() {
    return new HttpClient5TransportProvider();
  }

  /** {@code exchange} runs on HttpCore 5's non-blocking requester: no thread per exchange. */
  @Override
  protected boolean exchangesWithoutBlocking() {
    return true;
  }
}
