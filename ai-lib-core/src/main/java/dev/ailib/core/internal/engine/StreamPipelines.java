package dev.ailib.core.internal.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ailib.api.StreamingEvent;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.SourceLocation;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.internal.codec.SseFrameReader;
import dev.ailib.core.internal.codec.StreamMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Turns a streaming response body into events: the one place the stream pipeline plugs into the engine.
 * Currently: server-sent-event frames mapped by the wire codec's built-in {@link StreamMapper}, with per-stream
 * state.
 */
final class StreamPipelines {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private StreamPipelines() {
  }

  static EventSource open(Target target, InputStream body) {
    SseFrameReader frames = new SseFrameReader(body);
    StreamMapper mapper = target.codec().streamMapper(target.manifest());
    return new EventSource() {
      private final Deque<StreamingEvent> queue = new ArrayDeque<>();
      private boolean ended;

      @Override
      public StreamingEvent next() throws IOException {
        // bounded: each pass reads one frame; a body ends or the transport's timeouts fail the read
        while (queue.isEmpty() && !ended) {
          String data = frames.next();
          if (data == null || mapper.isDone(data)) {
            ended = true;
            break;
          }
          if (data.isBlank()) {
            continue;
          }
          JsonNode frame;
          try {
            frame = MAPPER.readTree(data);
          } catch (JsonProcessingException e) {
            throw new ProtocolException(StandardErrorCode.SERVER_ERROR, "malformed stream frame from provider '"
                + target.provider() + "': not JSON (" + e.getOriginalMessage() + ")",
                new SourceLocation("stream of " + target.provider(), 0, 0, null), null);
          }
          queue.addAll(mapper.map(frame));
        }
        return queue.poll();
      }

      @Override
      public void close() {
        try {
          body.close();
        } catch (IOException ignored) {
          // closing an aborted body may fail; the exchange is gone either way
        }
      }
    };
  }
}
