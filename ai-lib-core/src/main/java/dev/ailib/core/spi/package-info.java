/**
 * The ports of ai-lib-core that adapters and plugins implement. Sub-packages hold one port each:
 * {@code transport} (moves bytes), {@code protocol} (yields manifests), {@code telemetry} (observes calls),
 * plus the manifest model and the manifest expression language they share. {@link dev.ailib.core.spi.Interceptor}
 * adds behaviour around each HTTP exchange.
 */
package dev.ailib.core.spi;
