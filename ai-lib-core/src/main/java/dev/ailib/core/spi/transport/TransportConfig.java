package dev.ailib.core.spi.transport;

import dev.ailib.api.Timeouts;
import java.net.ProxySelector;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How a transport is set up. Core makes one per client and passes it to {@link TransportProvider#create}.
 *
 * <p>Build with {@link #builder()} (starting from the defaults) or {@link #toBuilder()}: a field added in a later
 * release changes the canonical constructor, not the builder.
 *
 * <pre>{@code
 * TransportConfig config = TransportConfig.builder().maxConnections(32).proxy(ProxySelector.of(address)).build();
 * }</pre>
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

  /** The default largest body: 64 MiB. */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 64L << 20;

  /** The default connection pool size. */
  public static final int DEFAULT_MAX_CONNECTIONS = 256;

  /** The default: {@link Timeouts#DEFAULTS}, 64 MiB bodies, 256 connections, no proxy, default TLS. */
  public static final TransportConfig DEFAULTS = new TransportConfig(Timeouts.DEFAULTS, DEFAULT_MAX_RESPONSE_BYTES,
      DEFAULT_MAX_CONNECTIONS, null, null, null);

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
    return toBuilder().timeouts(t).build();
  }

  /**
   * A builder holding the {@link #DEFAULTS}.
   *
   * @return the builder
   */
  public static Builder builder() {
    return DEFAULTS.toBuilder();
  }

  /**
   * A builder holding this configuration's values.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link TransportConfig}. Not thread-safe. */
  public static final class Builder {
    private Timeouts timeouts;
    private long maxResponseBytes;
    private int maxConnections;
    private ProxySelector proxy;
    private ProxyCredentials proxyAuth;
    private SSLContext sslContext;

    private Builder(TransportConfig from) {
      this.timeouts = from.timeouts;
      this.maxResponseBytes = from.maxResponseBytes;
      this.maxConnections = from.maxConnections;
      this.proxy = from.proxy;
      this.proxyAuth = from.proxyAuth;
      this.sslContext = from.sslContext;
    }

    /**
     * Sets the connect, response-headers and idle timeouts.
     *
     * @param timeouts the timeouts
     * @return this builder
     */
    public Builder timeouts(Timeouts timeouts) {
      this.timeouts = timeouts;
      return this;
    }

    /**
     * Sets the largest body accepted.
     *
     * @param maxResponseBytes bytes, positive
     * @return this builder
     */
    public Builder maxResponseBytes(long maxResponseBytes) {
      this.maxResponseBytes = maxResponseBytes;
      return this;
    }

    /**
     * Sets the connection pool's size.
     *
     * @param maxConnections connections, positive
     * @return this builder
     */
    public Builder maxConnections(int maxConnections) {
      this.maxConnections = maxConnections;
      return this;
    }

    /**
     * Sets the proxy.
     *
     * @param proxy a proxy selector, or null for direct connections
     * @return this builder
     */
    public Builder proxy(ProxySelector proxy) {
      this.proxy = proxy;
      return this;
    }

    /**
     * Sets the proxy credentials.
     *
     * @param proxyAuth the credentials, or null
     * @return this builder
     */
    public Builder proxyAuth(ProxyCredentials proxyAuth) {
      this.proxyAuth = proxyAuth;
      return this;
    }

    /**
     * Sets the TLS context.
     *
     * @param sslContext a custom context, or null for the JVM default
     * @return this builder
     */
    public Builder sslContext(SSLContext sslContext) {
      this.sslContext = sslContext;
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return the configuration
     * @throws IllegalArgumentException when a size is not positive
     * @throws NullPointerException when the timeouts are missing
     */
    public TransportConfig build() {
      return new TransportConfig(timeouts, maxResponseBytes, maxConnections, proxy, proxyAuth, sslContext);
    }
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
