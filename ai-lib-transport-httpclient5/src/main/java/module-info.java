/**
 * The ai-lib transport on Apache HttpClient 5 (classic API, pooled connections).
 * Registered as the {@code httpclient5} transport (priority 200).
 */
module dev.ailib.transport.httpclient5 {
  requires dev.ailib.core;
  requires org.apache.httpcomponents.client5.httpclient5;
  requires org.apache.httpcomponents.core5.httpcore5;
  // HttpClient 5's connection operator loads jdk.net.Sockets (TCP keep-alive options); HttpClient 5 is an automatic
  // module and cannot say so itself, and jdk.net is not resolved on the module path unless a module requires it
  requires jdk.net;

  exports dev.ailib.transport.httpclient5;

  provides dev.ailib.core.spi.transport.TransportProvider
      with dev.ailib.transport.httpclient5.HttpClient5TransportProvider;
}
