/**
 * The seam between the API and an engine. {@link dev.ailib.api.AiClient} finds a
 * {@link dev.ailib.api.spi.ClientEngineProvider} with {@link java.util.ServiceLoader}; ai-lib-core provides one.
 * Users normally never implement these types.
 */
package dev.ailib.api.spi;
