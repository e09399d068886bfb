package dev.ailib.core.internal.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.api.CancelToken;
import dev.ailib.api.ResilientConfig;
import dev.ailib.api.error.AiLibException;
import dev.ailib.api.spi.ClientComponent;
import dev.ailib.api.spi.ClientConfig;
import dev.ailib.core.spi.Environment;
import dev.ailib.core.spi.manifest.ProviderManifest;
import dev.ailib.core.spi.protocol.ProtocolSource;
import dev.ailib.core.spi.protocol.ProtocolSourceConfig;
import dev.ailib.core.spi.protocol.ProtocolSourceProvider;
import dev.ailib.core.spi.telemetry.TelemetryListener;
import dev.ailib.core.spi.telemetry.TelemetryProvider;
import dev.ailib.core.spi.transport.Transport;
import dev.ailib.core.spi.transport.TransportConfig;
import dev.ailib.core.spi.transport.TransportProvider;
import dev.ailib.core.spi.transport.TransportRequest;
import dev.ailib.core.spi.transport.TransportResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class DiscoveryTest {

  static final class NamedTransport implements Transport {
    final String name;

    NamedTransport(String name) {
      this.name = name;
    }

    @Override
    public TransportResponse send(TransportRequest request, CancelToken cancel) {
      throw new UnsupportedOperationException("not used");
    }
  }

  static class FakeTransportProvider implements TransportProvider {
    private final String name;
    private final int priority;

    FakeTransportProvider(String name, int priority) {
      this.name = name;
      this.priority = priority;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public int priority() {
      return priority;
    }

    @Override
    public Transport create(TransportConfig config) {
      return new NamedTransport(name);
    }
  }

  static final class HttpFive extends FakeTransportProvider {
    HttpFive() {
      super("httpclient5", 20);
    }
  }

  static final ProtocolSource EMPTY_SOURCE = new ProtocolSource() {
    @Override
    public Optional<ProviderManifest> manifest(String providerId) {
      return Optional.empty();
    }

    @Override
    public Set<String> providerIds() {
      return Set.of();
    }
  };

  private static ServiceLookup lookup(Map<Class<?>, List<?>> found) {
    return new ServiceLookup() {
      @Override
      @SuppressWarnings("unchecked")
      public <T> List<T> load(Class<T> type) {
        return (List<T>) found.getOrDefault(type, List.of());
      }
    };
  }

  private static ClientConfig config(String transportName, ClientComponent... components) {
    return new ClientConfig("acme/m1", null, null, ResilientConfig.unset(), null, null, List.of(), transportName,
        List.of(components));
  }

  private static Discovery discovery(List<TransportProvider> transports, String property) {
    return new Discovery(lookup(Map.of(TransportProvider.class, transports)),
        name -> name.equals(Discovery.TRANSPORT_PROPERTY) ? property : null);
  }

  private static String chosen(Discovery d, ClientConfig c) {
    return ((NamedTransport) d.transport(c, TransportConfig.DEFAULTS).transport()).name;
  }

  @Test
  void noTransportNamesBothArtifacts() {
    assertThatThrownBy(() -> discovery(List.of(), null).transport(config(null), TransportConfig.DEFAULTS))
        .isInstanceOf(AiLibException.class)
        .hasMessageContaining("dev.ailib:ai-lib-transport-jdk")
        .hasMessageContaining("dev.ailib:ai-lib-transport-httpclient5");
  }

  @Test
  void noProtocolSourceNamesTheYamlArtifact() {
    Discovery d = discovery(List.of(), null);
    assertThatThrownBy(() -> d.protocolSource(config(null), Environment.of(Map.of())))
        .isInstanceOf(AiLibException.class)
        .hasMessageContaining("dev.ailib:ai-lib-protocol-yaml");
  }

  @Test
  void oneTransportIsUsed() {
    SelectedTransport s = discovery(List.of(new FakeTransportProvider("jdk", 10)), null)
        .transport(config(null), TransportConfig.DEFAULTS);
    assertThat(((NamedTransport) s.transport()).name).isEqualTo("jdk");
    assertThat(s.owned()).isTrue();
  }

  @Test
  void highestPriorityWinsAndTiesGoToTheFirstName() {
    List<TransportProvider> three = List.of(new FakeTransportProvider("jdk", 10), new HttpFive(),
        new FakeTransportProvider("alpha", 20));
    assertThat(chosen(discovery(three, null), config(null))).isEqualTo("alpha");
    assertThat(chosen(discovery(List.of(new FakeTransportProvider("jdk", 10), new HttpFive()), null), config(null)))
        .isEqualTo("httpclient5");
  }

  @Test
  void systemPropertyPicksByNameOrClassName() {
    List<TransportProvider> two = List.of(new FakeTransportProvider("jdk", 10), new HttpFive());
    assertThat(chosen(discovery(two, "jdk"), config(null))).isEqualTo("jdk");
    assertThat(chosen(discovery(two, "JDK"), config(null))).isEqualTo("jdk");
    assertThat(chosen(discovery(List.of(new FakeTransportProvider("jdk", 30), new HttpFive()),
        HttpFive.class.getName()), config(null))).isEqualTo("httpclient5");
  }

  @Test
  void builderNameBeatsSystemProperty() {
    List<TransportProvider> two = List.of(new FakeTransportProvider("jdk", 10), new HttpFive());
    assertThat(chosen(discovery(two, "httpclient5"), config("jdk"))).isEqualTo("jdk");
  }

  @Test
  void unknownNameListsWhatIsAvailable() {
    List<TransportProvider> two = List.of(new FakeTransportProvider("jdk", 10), new HttpFive());
    assertThatThrownBy(() -> discovery(two, "okhttp").transport(config(null), TransportConfig.DEFAULTS))
        .isInstanceOf(AiLibException.class)
        .hasMessageContaining("'okhttp'")
        .hasMessageContaining("system property ailib.transport")
        .hasMessageContaining("jdk (priority 10)")
        .hasMessageContaining("httpclient5 (priority 20)");
  }

  @Test
  void componentsPassedToTheBuilderWin() {
    Discovery d = discovery(List.of(new FakeTransportProvider("jdk", 10)), "jdk");
    NamedTransport mine = new NamedTransport("mine");
    SelectedTransport s = d.transport(config(null, mine), TransportConfig.DEFAULTS);
    assertThat(s.transport()).isSameAs(mine);
    assertThat(s.owned()).isFalse();
    assertThat(chosen(d, config(null, new FakeTransportProvider("given", 1)))).isEqualTo("given");

    ProtocolSourceProvider discovered = c -> { throw new AssertionError("must not be used"); };
    Discovery withSource = new Discovery(lookup(Map.of(ProtocolSourceProvider.class, List.of(discovered))), n -> null);
    assertThat(withSource.protocolSource(config(null, EMPTY_SOURCE), Environment.of(Map.of()))).isSameAs(EMPTY_SOURCE);
  }

  @Test
  void highestPriorityProtocolSourceProviderCreatesTheSource() {
    List<ProtocolSourceConfig> seen = new ArrayList<>();
    ProtocolSourceProvider low = new ProtocolSourceProvider() {
      @Override
      public ProtocolSource create(ProtocolSourceConfig c) {
        throw new AssertionError("low priority must not be used");
      }

      @Override
      public int priority() {
        return 1;
      }
    };
    ProtocolSourceProvider high = new ProtocolSourceProvider() {
      @Override
      public ProtocolSource create(ProtocolSourceConfig c) {
        seen.add(c);
        return EMPTY_SOURCE;
      }

      @Override
      public int priority() {
        return 5;
      }
    };
    Discovery d = new Discovery(lookup(Map.of(ProtocolSourceProvider.class, List.of(low, high))), n -> null);
    Environment env = Environment.of(Map.of("A", "b"));
    assertThat(d.protocolSource(config(null), env)).isSameAs(EMPTY_SOURCE);
    assertThat(seen).hasSize(1);
    assertThat(seen.get(0).environment()).isSameAs(env);
  }

  @Test
  void telemetryFromBuilderAndEveryProviderAndABrokenProviderIsSkipped() {
    TelemetryListener given = new TelemetryListener() { };
    TelemetryListener found = new TelemetryListener() { };
    TelemetryProvider ok = () -> found;
    TelemetryProvider broken = () -> { throw new IllegalStateException("boom"); };
    Discovery d = new Discovery(lookup(Map.of(TelemetryProvider.class, List.of(broken, ok))), n -> null);
    assertThat(d.telemetry(config(null, given))).containsExactly(given, found);
  }

  /** A listener class of its own, as an adapter's would be. */
  static final class AdapterListener implements TelemetryListener {
  }

  @Test
  void aFoundListenerOfTheSameClassAsOnePassedToTheBuilderIsDropped() {
    TelemetryListener given = new AdapterListener();
    TelemetryListener other = new TelemetryListener() { };
    TelemetryProvider sameClass = AdapterListener::new;
    TelemetryProvider otherClass = () -> other;
    Discovery d = new Discovery(lookup(Map.of(TelemetryProvider.class, List.of(sameClass, otherClass))), n -> null);
    assertThat(d.telemetry(config(null, given))).containsExactly(given, other);
    assertThat(d.telemetry(config(null))).hasSize(2).hasAtLeastOneElementOfType(AdapterListener.class);
  }

  @Test
  void brokenProviderJarIsSkippedWithAWarning() {
    List<LogRecord> records = new ArrayList<>();
    Logger jul = Logger.getLogger(ServiceLookup.class.getName());
    Handler h = capture(records);
    jul.addHandler(h);
    try {
      TransportProvider good = new FakeTransportProvider("jdk", 1);
      Iterator<TransportProvider> it = new Iterator<>() {
        int i;

        @Override
        public boolean hasNext() {
          return i < 3;
        }

        @Override
        public TransportProvider next() {
          if (i >= 3) {
            throw new NoSuchElementException();
          }
          i++;
          if (i == 2) {
            throw new ServiceConfigurationError("dev.ailib.Broken: Provider not found");
          }
          return good;
        }
      };
      List<TransportProvider> loaded = ServiceLookup.collect(TransportProvider.class, it);
      assertThat(loaded).containsExactly(good, good);
      assertThat(records).anySatisfy(r -> {
        assertThat(r.getLevel()).isEqualTo(Level.WARNING);
        assertThat(r.getMessage()).contains("broken TransportProvider").contains("dev.ailib.Broken");
      });
    } finally {
      jul.removeHandler(h);
    }
  }

  @Test
  void aBrokenIteratorThatKeepsFailingDoesNotSpin() {
    Iterator<TransportProvider> alwaysBroken = new Iterator<>() {
      @Override
      public boolean hasNext() {
        throw new ServiceConfigurationError("broken");
      }

      @Override
      public TransportProvider next() {
        throw new ServiceConfigurationError("broken");
      }
    };
    assertThat(ServiceLookup.collect(TransportProvider.class, alwaysBroken)).isEmpty();
  }

  @Test
  void choiceIsLoggedOnceAtDebug() {
    List<LogRecord> records = new ArrayList<>();
    Logger jul = Logger.getLogger(Discovery.class.getName());
    Level old = jul.getLevel();
    jul.setLevel(Level.ALL);
    Handler h = capture(records);
    jul.addHandler(h);
    try {
      String unique = "once-" + System.nanoTime();
      Discovery d = discovery(List.of(new FakeTransportProvider(unique, 1), new FakeTransportProvider("zz", 0)), null);
      d.transport(config(null), TransportConfig.DEFAULTS);
      d.transport(config(null), TransportConfig.DEFAULTS);
      List<LogRecord> mine = records.stream().filter(r -> r.getMessage().contains(unique)).toList();
      assertThat(mine).hasSize(1);
      assertThat(mine.get(0).getLevel()).isEqualTo(Level.FINE); // System.Logger DEBUG
      assertThat(mine.get(0).getMessage()).contains("highest priority");
    } finally {
      jul.removeHandler(h);
      jul.setLevel(old);
    }
  }

  static Handler capture(List<LogRecord> records) {
    Handler h = new Handler() {
      @Override
      public void publish(LogRecord r) {
        synchronized (records) {
          records.add(r);
        }
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    h.setLevel(Level.ALL);
    return h;
  }
}
