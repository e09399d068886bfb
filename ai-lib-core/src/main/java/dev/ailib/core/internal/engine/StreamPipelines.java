package dev.ailib.core.internal.engine;

import dev.ailib.api.StreamingEvent;
import dev.ailib.core.internal.stream.EventIterator;
import dev.ailib.core.internal.stream.StreamPipeline;
import dev.ailib.core.internal.stream.StreamSession;
import dev.ailib.core.spi.manifest.ProviderManifest;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a streaming response body into events: the one place the stream pipeline plugs into the engine. Uses the
 * manifest-driven {@link StreamPipeline} (decoder, event-map rules, tool-call accumulator), prepared once per
 * manifest and API family (a reloaded manifest gets a new pipeline) with one session per stream.
 */
final class StreamPipelines {
  private record Cached(ProviderManifest manifest, StreamPipeline pipeline) {
  }

  private final Map<String, Cached> byProvider = new ConcurrentHashMap<>();

  /**
   * Compiles (or finds) the target manifest's pipeline.
   *
   * @throws dev.ailib.api.error.ProtocolException when its streaming section does not compile (a match expression
   *     or path that does not parse, an unknown decoder format), naming the manifest's source and field
   */
  void prepare(Target target) {
    pipeline(target.manifest());
  }

  /**
   * A new session for one stream of the target (for bodies pushed by the transport).
   *
   * @param target the stream's target
   * @return the session
   */
  StreamSession session(Target target) {
    return pipeline(target.manifest()).newSession(target.origin());
  }

  EventSource open(Target target, InputStream body) {
    EventIterator events = pipeline(target.manifest()).newSession(target.origin()).iterate(body);
    return new EventSource() {
      @Override
      public StreamingEvent next() {
        return events.hasNext() ? events.next() : null;
      }

      @Override
      public void close() {
        try {
          body.close();
        } catch (java.io.IOException ignored) {
          // closing an aborted body may fail; the exchange is gone either way
        }
      }
    };
  }

  private StreamPipeline pipeline(ProviderManifest m) {
    String key = m.apiFamily() == null ? m.id() : m.id() + '#' + m.apiFamily(); // one per API family
    Cached c = byProvider.get(key);
    if (c == null || c.manifest() != m) {
      c = new Cached(m, StreamPipeline.create(m));
      byProvider.put(key, c);
    }
    return c.pipeline();
  }
}
