package dev.ailib.core.internal.discovery;

import dev.ailib.api.error.AiLibException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.api.spi.ClientConfig;
import dev.ailib.core.spi.Environment;
import dev.ailib.core.spi.protocol.ProtocolSource;
import dev.ailib.core.spi.protocol.ProtocolSourceConfig;
import dev.ailib.core.spi.protocol.ProtocolSourceProvider;
import dev.ailib.core.spi.telemetry.TelemetryListener;
import dev.ailib.core.spi.telemetry.TelemetryProvider;
import dev.ailib.core.spi.transport.Transport;
import dev.ailib.core.spi.transport.TransportConfig;
import dev.ailib.core.spi.transport.TransportProvider;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Picks a client's adapters. Components passed to the builder win over discovered ones.
 *
 * <p>Transports: an instance passed to the builder is used as is; otherwise, among the providers passed to the
 * builder (or, when none, those {@link ServiceLookup found}), the one named by the builder's
 * {@code transport("name")}, else by the system property {@value #TRANSPORT_PROPERTY} (a provider name such as
 * {@code jdk} or {@code httpclient5}, or a provider class name; not applied to providers passed to the builder), else
 * the highest priority (ties broken by name).
 * The choice is logged once at DEBUG.
 */
public final class Discovery {
  /** The system property that picks a transport by name or class name. */
  public static final String TRANSPORT_PROPERTY = "ailib.transport";

  static final String TRANSPORT_ARTIFACTS = "dev.ailib:ai-lib-transport-jdk (JDK HttpClient, no other dependency) "
      + "or dev.ailib:ai-lib-transport-httpclient5 (Apache HttpClient 5)";
  static final String PROTOCOL_ARTIFACT = "dev.ailib:ai-lib-protocol-yaml";

  private static final Logger LOG = System.getLogger(Discovery.class.getName());
  private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

  private final ServiceLookup lookup;
  private final UnaryOperator<String> systemProperties;

  /**
   * Creates a discovery.
   *
   * @param lookup lists service providers
   * @param systemProperties reads a system property (null when unset)
   */
  public Discovery(ServiceLookup lookup, UnaryOperator<String> systemProperties) {
    this.lookup = lookup;
    this.systemProperties = systemProperties;
  }

  /** Discovery through {@link java.util.ServiceLoader} and the JVM's system properties. */
  public static Discovery standard() {
    return new Discovery(ServiceLookup.serviceLoader(), System::getProperty);
  }

  /**
   * The transport for a client.
   *
   * @param config the client's configuration
   * @param transportConfig settings for a transport created here
   * @return the transport
   * @throws AiLibException when none is available (naming the artifacts to add) or the named one is missing
   */
  public SelectedTransport transport(ClientConfig config, TransportConfig transportConfig) {
    List<Transport> given = config.components(Transport.class);
    if (!given.isEmpty()) {
      Transport t = given.get(0);
      return new SelectedTransport(t, t.getClass().getName(), false);
    }
    List<TransportProvider> candidates = config.components(TransportProvider.class);
    String origin = "passed to the builder";
    boolean fromBuilder = !candidates.isEmpty();
    if (!fromBuilder) {
      candidates = lookup.load(TransportProvider.class);
      origin = "found on the class path";
    }
    if (candidates.isEmpty()) {
      throw new AiLibException(StandardErrorCode.INVALID_REQUEST,
          "no ai-lib transport found on the class path or module path: add the Maven dependency " + TRANSPORT_ARTIFACTS);
    }
    TransportProvider chosen;
    String why;
    String wanted = config.transportName();
    String wantedFrom = "the builder's transport(\"" + wanted + "\")";
    if (wanted == null && !fromBuilder) {
      // a JVM-wide default; providers passed to the builder are an explicit choice it does not override
      wanted = systemProperties.apply(TRANSPORT_PROPERTY);
      wantedFrom = "system property " + TRANSPORT_PROPERTY + "=" + wanted;
    }
    if (wanted != null && !wanted.isBlank()) {
      chosen = byName(candidates, wanted.trim());
      if (chosen == null) {
        throw new AiLibException(StandardErrorCode.INVALID_REQUEST, "transport '" + wanted + "' asked for by "
            + wantedFrom + " is not available; transports " + origin + ": " + names(candidates)
            + " (to add one: " + TRANSPORT_ARTIFACTS + ")");
      }
      why = "picked by " + wantedFrom;
    } else {
      chosen = candidates.stream()
          .max(Comparator.comparingInt(TransportProvider::priority)
              .thenComparing(TransportProvider::name, Comparator.reverseOrder()))
          .orElseThrow();
      why = candidates.size() == 1 ? "the only one " + origin : "highest priority among " + names(candidates);
    }
    logOnce("ai-lib transport: " + chosen.name() + " (" + chosen.getClass().getName() + "), " + why);
    Transport transport = chosen.create(transportConfig);
    if (transport == null) {
      throw new AiLibException(StandardErrorCode.INVALID_REQUEST,
          "transport provider " + chosen.getClass().getName() + " returned no transport");
    }
    return new SelectedTransport(transport, chosen.name(), true);
  }

  /**
   * The protocol source for a client: the sources passed to the builder (searched in order), else one created by
   * the highest-priority provider passed or found.
   *
   * @param config the client's configuration
   * @param environment environment variables
   * @return the source
   * @throws AiLibException when none is available, naming the artifact to add
   */
  public ProtocolSource protocolSource(ClientConfig config, Environment environment) {
    List<ProtocolSource> given = config.components(ProtocolSource.class);
    if (given.size() == 1) {
      return given.get(0);
    }
    if (!given.isEmpty()) {
      return new CompositeProtocolSource(given);
    }
    List<ProtocolSourceProvider> providers = new ArrayList<>(config.components(ProtocolSourceProvider.class));
    if (providers.isEmpty()) {
      providers.addAll(lookup.load(ProtocolSourceProvider.class));
    }
    ProtocolSourceProvider chosen = providers.stream()
        .max(Comparator.comparingInt(ProtocolSourceProvider::priority)
            .thenComparing(p -> p.getClass().getName(), Comparator.reverseOrder()))
        .orElseThrow(() -> new AiLibException(StandardErrorCode.INVALID_REQUEST,
            "no ai-lib protocol source found on the class path or module path: add the Maven dependency "
                + PROTOCOL_ARTIFACT + " (it loads the AI-Protocol provider manifests)"));
    if (providers.size() > 1) {
      logOnce("ai-lib protocol source: " + chosen.getClass().getName() + ", highest priority among "
          + providers.stream().map(p -> p.getClass().getName()).toList());
    }
    return chosen.create(new ProtocolSourceConfig(config.protocolDir(), environment));
  }

  /**
   * The telemetry listeners for a client: those passed to the builder, then one from each provider found, except
   * a found listener of the same class as one passed to the builder (the builder's instance replaces it: one span
   * per call, not two). A provider that fails to create its listener is skipped with a warning.
   *
   * @param config the client's configuration
   * @return the listeners
   */
  public List<TelemetryListener> telemetry(ClientConfig config) {
    List<TelemetryListener> listeners = new ArrayList<>(config.components(TelemetryListener.class));
    Set<Class<?>> given = listeners.stream().map(Object::getClass).collect(Collectors.toSet());
    for (TelemetryProvider p : lookup.load(TelemetryProvider.class)) {
      try {
        TelemetryListener l = p.create();
        if (l != null && !given.contains(l.getClass())) {
          listeners.add(l);
        }
      } catch (RuntimeException | LinkageError e) {
        LOG.log(Level.WARNING, "skipping telemetry provider " + p.getClass().getName() + ": " + e);
      }
    }
    return listeners;
  }

  /**
   * The environment for a client: one passed to the builder, else the process environment.
   *
   * @param config the client's configuration
   * @return the environment
   */
  public static Environment environment(ClientConfig config) {
    List<Environment> given = config.components(Environment.class);
    return given.isEmpty() ? Environment.system() : given.get(0);
  }

  private static TransportProvider byName(List<TransportProvider> candidates, String wanted) {
    for (TransportProvider p : candidates) {
      if (p.name().equalsIgnoreCase(wanted) || p.getClass().getName().equals(wanted)) {
        return p;
      }
    }
    return null;
  }

  private static String names(List<TransportProvider> candidates) {
    return candidates.stream()
        .map(p -> p.name() + " (priority " + p.priority() + ")")
        .sorted()
        .collect(Collectors.joining(", ", "[", "]"));
  }

  private static void logOnce(String message) {
    if (LOGGED.add(message.toLowerCase(Locale.ROOT))) {
      LOG.log(Level.DEBUG, message);
    }
  }
}
