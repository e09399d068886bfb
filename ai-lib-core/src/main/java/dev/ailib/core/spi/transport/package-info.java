/**
 * The transport port: moves request bytes out and response bytes in, streaming. Framing (SSE, NDJSON,
 * JSON arrays) stays in core so adapters stay small. Adapters: ai-lib-transport-jdk, ai-lib-transport-httpclient5.
 */
package dev.ailib.core.spi.transport;
