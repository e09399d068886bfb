/**
 * The transport contract kit (TCK): {@link dev.ailib.testkit.tck.TransportContractTest}, an abstract JUnit 5
 * suite every {@link dev.ailib.core.spi.transport.TransportProvider} must pass, and
 * {@link dev.ailib.testkit.tck.TckHttpServer}, the small raw-socket HTTP/1.1 server it drives (slow drip,
 * stall, disconnect, connection counting). Needs {@code junit-jupiter-api} on the test class path.
 */
package dev.ailib.testkit.tck;
