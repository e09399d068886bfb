/**
 * The {@code httpclient5} transport: the ai-lib transport port on Apache HttpClient 5's classic (blocking)
 * API with a pooling connection manager. HTTP/1.1 with keep-alive; the classic API does not speak HTTP/2 (use
 * the {@code jdk} transport for HTTP/2). Only {@link dev.ailib.transport.httpclient5.HttpClient5TransportProvider}
 * is public.
 */
package dev.ailib.transport.httpclient5;
