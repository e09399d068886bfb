package dev.ailib.core.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.api.AiClient;
import dev.ailib.api.CancelToken;
import dev.ailib.api.ResilientConfig;
import dev.ailib.api.StreamHandler;
import dev.ailib.api.StreamSubscription;
import dev.ailib.api.StreamingEvent;
import dev.ailib.core.internal.codec.TestManifests;
import dev.ailib.core.spi.Environment;
import dev.ailib.core.spi.transport.HttpHeaders;
import dev.ailib.core.spi.transport.Transport;
import dev.ailib.core.spi.transport.TransportRequest;
import dev.ailib.core.spi.transport.TransportResponse;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Where the engine's blocking work runs: virtual threads on Java 21+, platform threads on 17 or when turned off. */
class EngineThreadsTest {
  private static final String OK = "{\"id\":\"c1\",\"model\":\"m1\",\"choices\":[{\"message\":{\"content\":\"Hi\"},"
      + "\"finish_reason\":\"stop\"}]}";
  private static final String STREAM = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n"
      + "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";

  /** Answers every request and records the thread that sent it. */
  static final class ThreadRecordingTransport implements Transport {
    final List<Thread> threads = new CopyOnWriteArrayList<>();

    @Override
    public TransportResponse send(TransportRequest request, CancelToken cancel) {
      threads.add(Thread.currentThread());
      boolean stream = request.headers().first("Accept").orElse("").contains("event-stream");
      InputStream body = new ByteArrayInputStream((stream ? STREAM : OK).getBytes(StandardCharsets.UTF_8));
      return new TransportResponse() {
        @Override
        public int status() {
          return 200;
        }

        @Override
        public HttpHeaders headers() {
          return HttpHeaders.EMPTY;
        }

        @Override
        public InputStream body() {
          return body;
        }

        @Override
        public void close() {
        }
      };
    }
  }

  private static boolean runtimeHasVirtualThreads() {
    return Runtime.version().feature() >= 21;
  }

  private static boolean isVirtual(Thread t) {
    try {
      Method m = Thread.class.getMethod("isVirtual");
      return (Boolean) m.invoke(t);
    } catch (ReflectiveOperationException e) {
      return false; // Java 17: no virtual threads
    }
  }

  private static AiClient client(Transport transport) {
    return AiClient.builder().model("acme/m1").apiKey("sk-unit-000111")
        .resilience(ResilientConfig.builder().maxRetries(0).build())
        .component(new StaticSource(TestManifests.chat("https://api.acme.test/v1")))
        .component(Environment.of(Map.of())).transport(transport).build();
  }

  @Test
  void asyncCallsAndPushStreamsRunOnVirtualThreadsWhereTheRuntimeHasThem() throws Exception {
    ThreadRecordingTransport transport = new ThreadRecordingTransport();
    try (AiClient client = client(transport)) {
      assertThat(client.chat().user("x").executeAsync().get(5, TimeUnit.SECONDS).response().content())
          .isEqualTo("Hi");
      client.chat().user("y").stream(new StreamHandler() {
        @Override
        public void onEvent(StreamingEvent event) {
        }
      }).completion().get(5, TimeUnit.SECONDS);
      assertThat(client.toString()).contains(runtimeHasVirtualThreads() ? "virtual" : "platform");
    }
    assertThat(transport.threads).hasSize(2).allSatisfy(t -> {
      assertThat(isVirtual(t)).isEqualTo(runtimeHasVirtualThreads());
      assertThat(t.getName()).startsWith("ailib-call-");
    });
  }

  @Test
  void thePropertyKeepsPlatformThreads() throws Exception {
    ThreadRecordingTransport transport = new ThreadRecordingTransport();
    String before = System.getProperty(EngineThreads.VIRTUAL_PROPERTY);
    System.setProperty(EngineThreads.VIRTUAL_PROPERTY, "false");
    try (AiClient client = client(transport)) {
      client.chat().user("x").executeAsync().get(5, TimeUnit.SECONDS);
    } finally {
      if (before == null) {
        System.clearProperty(EngineThreads.VIRTUAL_PROPERTY);
      } else {
        System.setProperty(EngineThreads.VIRTUAL_PROPERTY, before);
      }
    }
    assertThat(transport.threads).singleElement().satisfies(t -> {
      assertThat(isVirtual(t)).isFalse();
      assertThat(t.getName()).startsWith("ailib-call-");
      assertThat(t.isDaemon()).isTrue();
    });
  }

  @Test
  void onPlatformThreadsPushStreamsAreDeliveredByABoundedPoolOfTheirOwn() throws Exception {
    ThreadRecordingTransport transport = new ThreadRecordingTransport();
    Set<Thread> handlerThreads = ConcurrentHashMap.newKeySet();
    Map<Integer, String> texts = new ConcurrentHashMap<>();
    String before = System.getProperty(EngineThreads.VIRTUAL_PROPERTY);
    System.setProperty(EngineThreads.VIRTUAL_PROPERTY, "false");
    int streams = 3 * EngineThreads.STREAM_THREADS;
    try (AiClient client = client(transport)) {
      List<StreamSubscription> subs = new ArrayList<>();
      for (int i = 0; i < streams; i++) {
        int n = i;
        subs.add(client.chat().user("s" + n).stream(event -> {
          handlerThreads.add(Thread.currentThread());
          if (event instanceof StreamingEvent.ContentDelta d) {
            texts.merge(n, d.text(), String::concat);
          }
        }));
      }
      for (StreamSubscription s : subs) {
        s.completion().get(10, TimeUnit.SECONDS);
      }
    } finally {
      if (before == null) {
        System.clearProperty(EngineThreads.VIRTUAL_PROPERTY);
      } else {
        System.setProperty(EngineThreads.VIRTUAL_PROPERTY, before);
      }
    }
    assertThat(texts).hasSize(streams);
    assertThat(texts.values()).allMatch("Hi"::equals);
    // the blocking sends ran on the call threads; the events were handed over by the stream pool only
    assertThat(transport.threads).hasSize(streams).allSatisfy(t -> assertThat(t.getName()).startsWith("ailib-call-"));
    assertThat(handlerThreads).isNotEmpty().allSatisfy(t -> {
      assertThat(t.getName()).startsWith("ailib-stream-");
      assertThat(isVirtual(t)).isFalse();
      assertThat(t.isDaemon()).isTrue();
    });
    assertThat(handlerThreads.size()).isLessThanOrEqualTo(EngineThreads.STREAM_THREADS);
  }
}
