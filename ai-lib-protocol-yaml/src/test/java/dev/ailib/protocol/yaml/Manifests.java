package dev.ailib.protocol.yaml;

/** Small manifest texts for tests. */
final class Manifests {
  private Manifests() {
  }

  /** A valid v2 manifest with the given base URL; line 9 is the first event rule's match. */
  static String valid(String id, String baseUrl) {
    return "id: " + id + "\n"                                  // 1
        + "protocol_version: \"2.0\"\n"                        // 2
        + "endpoint:\n"                                        // 3
        + "  base_url: \"" + baseUrl + "\"\n"                  // 4
        + "  chat: /chat/completions\n"                        // 5
        + "streaming:\n"                                       // 6
        + "  decoder: {format: sse, done_signal: \"[DONE]\"}\n" // 7
        + "  event_map:\n"                                     // 8
        + "    - match: \"exists($.choices[0].delta.content)\"\n" // 9
        + "      emit: PartialContentDelta\n"                  // 10
        + "      extract: {content: \"$.choices[0].delta.content\"}\n"; // 11
  }
}
