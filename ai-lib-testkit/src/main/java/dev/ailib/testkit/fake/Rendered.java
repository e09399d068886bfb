package dev.ailib.testkit.fake;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A reply rendered in one wire format: status, headers and the body as a list of events. A streamed body
 * is sent with chunked transfer encoding, one event after the other; a JSON body is one event with a
 * Content-Length.
 *
 * @param status HTTP status
 * @param headers response headers, Content-Type included
 * @param streamed whether the body is a stream of events
 * @param events the body, event by event
 * @param malformedFrame what to send for the malformed-frame fault
 * @param streamErrorFrame what to send for the in-stream error fault, or null
 */
record Rendered(int status, List<Map.Entry<String, String>> headers, boolean streamed, List<byte[]> events,
    byte[] malformedFrame, byte[] streamErrorFrame) {

  Rendered {
    headers = List.copyOf(headers);
    events = List.copyOf(events);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
