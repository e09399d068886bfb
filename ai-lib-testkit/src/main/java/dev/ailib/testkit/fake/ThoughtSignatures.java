package dev.ailib.testkit.fake;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gemini 3's check of thought signatures, for one {@link FakeProvider}: the signatures its Gemini answers handed
 * out (on function-call parts), and the check of each later Gemini request, as the API describes it: in the current
 * turn (every model step after the last user content that is not only function responses), a function call the
 * fake signed must come back with its signature on its own part, and no part may carry a signature the fake did not
 * hand out for that call. A request that fails gets the API's 400 {@code INVALID_ARGUMENT}. Thread-safe.
 */
final class ThoughtSignatures {

  /** A signed call: its function name and arguments (parsed, so key order and spacing do not matter). */
  private record Signed(String name, Object args) {
  }

  private final Map<String, Signed> issued = new ConcurrentHashMap<>();

  /** Remembers the signatures of a Gemini answer's calls. */
  void issued(Reply reply) {
    for (Reply.Part p : reply.parts()) {
      if (p instanceof Reply.ToolCall c && c.thoughtSignature() != null) {
        issued.put(c.thoughtSignature(), new Signed(c.name(), args(c.argumentsJson())));
      }
    }
  }

  void clear() {
    issued.clear();
  }

  /**
   * What is wrong with a Gemini request's signatures, as the API words it, or null when nothing is.
   *
   * @param request the parsed body
   * @return the error message, or null
   */
  String problem(Object request) {
    if (!(Json.at(request, "contents") instanceof List<?> contents)) {
      return null;
    }
    int start = 0;
    for (int i = contents.size() - 1; i >= 0; i--) {
      if ("user".equals(Json.at(contents.get(i), "role")) && !onlyFunctionResponses(contents.get(i))) {
        start = i + 1; // the current turn begins after the user's last own content
        break;
      }
    }
    for (int i = start; i < contents.size(); i++) {
      Object content = contents.get(i);
      if (!"model".equals(Json.at(content, "role")) || !(Json.at(content, "parts") instanceof List<?> parts)) {
        continue;
      }
      for (int j = 0; j < parts.size(); j++) {
        Object part = parts.get(j);
        if (!(Json.at(part, "functionCall") instanceof Map<?, ?> call)) {
          continue;
        }
        Signed sent = new Signed(String.valueOf(call.get("name")), call.get("args") == null ? Map.of()
            : call.get("args"));
        Object signature = Json.at(part, "thoughtSignature");
        String where = "function call `" + sent.name() + "`, contents[" + i + "].parts[" + j + "]";
        if (signature != null) {
          if (!Objects.equals(issued.get(String.valueOf(signature)), sent)) {
            return "Thought signature is not valid (FakeProvider: it was not handed out for this call): " + where;
          }
        } else if (issued.containsValue(sent)) {
          return "Function call is missing a thought_signature in functionCall parts. This is required for tools to "
              + "work correctly (FakeProvider checks it as Gemini 3 does): " + where;
        }
      }
    }
    return null;
  }

  private static boolean onlyFunctionResponses(Object content) {
    if (!(Json.at(content, "parts") instanceof List<?> parts) || parts.isEmpty()) {
      return false;
    }
    for (Object p : parts) {
      if (Json.at(p, "functionResponse") == null) {
        return false;
      }
    }
    return true;
  }

  private static Object args(String argumentsJson) {
    if (argumentsJson.isBlank()) {
      return Map.of(); // sent as {}
    }
    try {
      Object parsed = Json.parse(argumentsJson);
      return parsed == null ? Map.of() : parsed;
    } catch (IllegalArgumentException e) {
      return argumentsJson; // broken arguments on purpose: compared as text
    }
  }
}
