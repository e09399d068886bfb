/**
 * Test support for ai-lib users and adapter authors: {@code FakeProvider} (a local fake LLM server with fault
 * injection), the contract kits (TCK) adapters must pass, and the AI-Protocol specification directory look-up
 * for tests that read the published specification. JUnit is needed only by the contract kits and the look-up.
 */
module dev.ailib.testkit {
  requires transitive dev.ailib.core;
  requires java.management;
  requires static org.junit.jupiter.api;
  requires static java.net.http; // read by the fake package's tests (compiled into this module)

  exports dev.ailib.testkit.fake;
  exports dev.ailib.testkit.tck;
  exports dev.ailib.testkit.spec;

  uses dev.ailib.core.spi.transport.TransportProvider; // the TCK checks the adapter is registered
}
