/**
 * Finds the adapters a client needs: transports, protocol sources and telemetry providers, through
 * {@link java.util.ServiceLoader}, with components passed to the builder taking precedence. Broken provider
 * jars are skipped with a warning; a missing adapter is an error naming the Maven artifact to add. Also checks,
 * once per JVM, that the Jackson on the class path is recent enough ({@code JacksonVersionCheck}).
 */
package dev.ailib.core.internal.discovery;
