package dev.ailib.core.internal.stream;

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
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;

/**
 * Builds the streaming model from the test fixture manifests next to this class ({@code manifests/*.yaml}, see the
 * README there): small manifests written for these tests, one per way of describing a stream. A test fixture
 * builder: the production loader lives in ai-lib-protocol-yaml, which core cannot depend on.
 */
final class TestSpecs {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final ObjectMapper JSON = new ObjectMapper();

  private TestSpecs() {
  }

  /** A fixture manifest by file name, e.g. {@code chat-completions.yaml}. */
  static JsonNode manifest(String name) {
    String resource = "manifests/" + name;
    try (InputStream in = TestSpecs.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test fixture " + resource + " next to " + TestSpecs.class.getName());
      }
      return (name.endsWith(".json") ? JSON : YAML).readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read test fixture " + resource, e);
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
