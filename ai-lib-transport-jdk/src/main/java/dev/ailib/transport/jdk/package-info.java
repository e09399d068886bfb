/**
 * The {@code jdk} transport: the ai-lib transport port on {@code java.net.http.HttpClient}. Bodies stream
 * through a bounded subscriber, HTTP/2 is used where the server offers it, and the idle timeout between body
 * chunks (which the JDK client lacks) is enforced by a watchdog that aborts the exchange. Only
 * {@link dev.ailib.transport.jdk.JdkTransportProvider} is public.
 */
package dev.ailib.transport.jdk;
