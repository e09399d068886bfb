package dev.ailib.core.internal.stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.spi.expression.Expression;
import dev.ailib.core.spi.expression.JsonPath;
import dev.ailib.core.spi.manifest.ErrorClassificationSpec;
import dev.ailib.core.spi.manifest.StreamingSpec;
import dev.ailib.core.spi.manifest.TerminationSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;

/**
 * Builds the streaming model from the real manifests of the AI-Protocol directory (a test fixture builder: the
 * production loader lives in ai-lib-protocol-yaml). Skips the test when the directory is absent.
 */
final class TestSpecs {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final ObjectMapper JSON = new ObjectMapper();

  private TestSpecs() {
  }

  static Path protocolDir() {
    String dir = System.getProperty("ai.protocol.dir");
    if (dir == null || dir.isBlank() || !Files.isDirectory(Path.of(dir))) {
      dir = System.getenv("AI_PROTOCOL_DIR");
    }
    assumeTrue(dir != null && Files.isDirectory(Path.of(dir)),
        "AI-Protocol directory not found (set -Dai.protocol.dir or AI_PROTOCOL_DIR); skipping manifest-based test");
    return Path.of(dir);
  }

  static JsonNode manifest(String relative) {
    Path file = protocolDir().resolve(relative);
    assumeTrue(Files.isRegularFile(file), "manifest not found: " + file);
    try {
      return (relative.endsWith(".json") ? JSON : YAML).readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }

  static StreamPipeline pipeline(String relative) {
    JsonNode m = manifest(relative);
    return StreamPipeline.create(streaming(m.get("streaming")), errors(m), termination(m));
  }

  static StreamingSpec streamingJson(String json) {
    try {
      return streaming(JSON.readTree(json));
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static StreamingSpec streaming(JsonNode s) {
    JsonNode d = s.path("decoder");
    StreamingSpec.DecoderSpec decoder = new StreamingSpec.DecoderSpec(d.path("format").asText("sse"),
        text(d, "strategy"), text(d, "prefix"), text(d, "delimiter"), text(d, "done_signal"));
    List<StreamingSpec.EventRule> rules = new ArrayList<>();
    for (JsonNode r : s.path("event_map")) {
      JsonNode f = r.has("extract") ? r.get("extract") : r.path("fields");
      Map<String, StreamingSpec.ValueSource> fields = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = f.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        String v = e.getValue().asText();
        fields.put(e.getKey(), v.startsWith("$") ? new StreamingSpec.ValueSource(JsonPath.parse(v), null)
            : new StreamingSpec.ValueSource(null, v));
      }
      String emit = r.get("emit").asText();
      rules.add(new StreamingSpec.EventRule(Expression.parse(r.get("match").asText()),
          EmitNames.kind(emit).orElseThrow(), emit, fields));
    }
    StreamingSpec.CandidateSpec candidate = null;
    if (s.has("candidate")) {
      candidate = new StreamingSpec.CandidateSpec(JsonPath.parse(s.get("candidate").get("candidate_id_path").asText()),
          s.get("candidate").path("fan_out").asBoolean(false));
    }
    StreamingSpec.AccumulatorSpec acc = null;
    if (s.has("accumulator")) {
      JsonNode a = s.get("accumulator");
      acc = new StreamingSpec.AccumulatorSpec(a.path("stateful_tool_parsing").asBoolean(false),
          a.has("key_path") ? JsonPath.parse(a.get("key_path").asText()) : null,
          a.has("flush_on") ? Expression.parse(a.get("flush_on").asText()) : null);
    }
    String usage = s.hasNonNull("usage_path") ? "usage_path" : "extra_metadata_path";
    return new StreamingSpec(decoder, expr(s, "frame_selector"), rules, candidate, acc, expr(s, "stop_condition"),
        path(s, "content_path"), path(s, "tool_call_path"), path(s, usage));
  }

  static TerminationSpec termination(JsonNode m) {
    JsonNode t = m.get("termination");
    if (t == null || t.isNull()) {
      return TerminationSpec.NONE;
    }
    Map<String, String> map = new HashMap<>();
    t.path("mapping").fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    return new TerminationSpec(text(t, "source_field"), map);
  }

  static ErrorClassificationSpec errors(JsonNode m) {
    JsonNode e = m.get("error_classification");
    if (e == null || e.isNull()) {
      return ErrorClassificationSpec.NONE;
    }
    Map<Integer, StandardErrorCode> byStatus = new HashMap<>();
    e.path("by_http_status").fields().forEachRemaining(x -> StandardErrorCode.find(x.getValue().asText())
        .ifPresent(c -> byStatus.put(Integer.parseInt(x.getKey()), c)));
    Map<String, StandardErrorCode> byCode = new HashMap<>();
    e.path("by_error_code").fields().forEachRemaining(x -> StandardErrorCode.find(x.getValue().asText())
        .ifPresent(c -> byCode.put(x.getKey(), c)));
    return new ErrorClassificationSpec(byStatus, byCode);
  }

  private static JsonPath path(JsonNode s, String key) {
    return s.hasNonNull(key) ? JsonPath.parse(s.get(key).asText()) : null;
  }

  private static Expression expr(JsonNode s, String key) {
    return s.hasNonNull(key) ? Expression.parse(s.get(key).asText()) : null;
  }

  private static String text(JsonNode n, String key) {
    return n.hasNonNull(key) ? n.get(key).asText() : null;
  }
}
