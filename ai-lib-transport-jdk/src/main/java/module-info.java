/**
 * The ai-lib transport on {@code java.net.http.HttpClient}: no dependency beyond the JDK.
 * Registered as the {@code jdk} transport (priority 100).
 */
module dev.ailib.transport.jdk {
  requires dev.ailib.core;
  requires java.net.http;

  exports dev.ailib.transport.jdk;

  provides dev.ailib.core.spi.transport.TransportProvider with dev.ailib.transport.jdk.JdkTransportProvider;
}
