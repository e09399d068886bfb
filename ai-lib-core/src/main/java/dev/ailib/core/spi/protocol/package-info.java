/** The protocol port: yields provider manifests as core's own model. Adapter: ai-lib-protocol-yaml. */
package dev.ailib.core.spi.protocol;
