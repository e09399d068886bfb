package dev.ailib.core.spi.transport;

import dev.ailib.api.Timeouts;
import java.net.ProxySelector;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How a transport is set up.
 *
 * @param timeouts connect, response-headers and idle timeouts (the call timeout is core's)
 * @param maxResponseBytes the largest body accepted; beyond it reads fail with kind RESPONSE_TOO_LARGE
 * @param maxConnections the connection pool's size
 * @param proxy a proxy selector, or null for direct connections
 * @param proxyAuth proxy credentials, or null
 * @param sslContext a custom TLS context, or null for the JVM default (verification always on)
 */
public record TransportConfig(Timeouts timeouts, long maxResponseBytes, int maxConnections, ProxySelector proxy,
    ProxyCredentials proxyAuth, SSLContext sslContext) {

  /** The default: {@link Timeouts#DEFAULTS}, 64 MiB bodies, 256 connections, no proxy, default TLS. */
  public static final TransportConfig DEFAULTS = new TransportConfig(Timeouts.DEFAULTS, 64L << 20, 256, null, null, null);

  /** Checks the values. */
  public TransportConfig {
    Objects.requireNonNull(timeouts, "timeouts");
    if (maxResponseBytes <= 0) {
      throw new IllegalArgumentException("maxResponseBytes must be positive, was " + maxResponseBytes);
    }
    if (maxConnections <= 0) {
      throw new IllegalArgumentException("maxConnections must be positive, was " + maxConnections);
    }
  }

  /**
   * This configuration with other timeouts.
   *
   * @param t the timeouts
   * @return the configuration
   */
  public TransportConfig withTimeouts(Timeouts t) {
    return new TransportConfig(t, maxResponseBytes, maxConnections, proxy, proxyAuth, sslContext);
  }

  /**
   * Proxy credentials; {@link #toString()} hides the password.
   *
   * @param username the user
   * @param password the password
   */
  public record ProxyCredentials(String username, char[] password) {
    @Override
    public String toString() {
      return "ProxyCredentials[username=" + username + ", password=***]";
    }
  }
}
