package dev.ailib.core.internal.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.spi.manifest.ErrorClassificationSpec;
import dev.ailib.core.spi.manifest.StreamingSpec;
import dev.ailib.core.spi.manifest.TerminationSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
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
    StreamingSpec.Builder spec = StreamingSpec.builder().decoder(StreamingSpec.DecoderSpec.builder()
        .format(d.path("format").asText("sse")).strategy(text(d, "strategy")).prefix(text(d, "prefix"))
        .delimiter(text(d, "delimiter")).doneSignal(text(d, "done_signal")).build());
    for (JsonNode r : s.path("event_map")) {
      JsonNode f = r.has("extract") ? r.get("extract") : r.path("fields");
      Map<String, StreamingSpec.ValueSource> fields = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = f.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        String v = e.getValue().asText();
        fields.put(e.getKey(), v.startsWith("$") ? StreamingSpec.ValueSource.ofPath(v)
            : StreamingSpec.ValueSource.ofLiteral(v));
      }
      String emit = r.get("emit").asText();
      spec.addEventRule(StreamingSpec.EventRule.builder().match(r.get("match").asText())
          .emit(EmitNames.kind(emit).orElseThrow()).emitName(emit).fields(fields).build());
    }
    if (s.has("candidate")) {
      spec.candidate(StreamingSpec.CandidateSpec.builder()
          .candidateIdPath(s.get("candidate").get("candidate_id_path").asText())
          .fanOut(s.get("candidate").path("fan_out").asBoolean(false)).build());
    }
    if (s.has("accumulator")) {
      JsonNode a = s.get("accumulator");
      spec.accumulator(StreamingSpec.AccumulatorSpec.builder()
          .statefulToolParsing(a.path("stateful_tool_parsing").asBoolean(false)).keyPath(text(a, "key_path"))
          .flushOn(text(a, "flush_on")).build());
    }
    String usage = s.hasNonNull("usage_path") ? "usage_path" : "extra_metadata_path";
    return spec.frameSelector(text(s, "frame_selector")).stopCondition(text(s, "stop_condition"))
        .contentPath(text(s, "content_path")).toolCallPath(text(s, "tool_call_path")).usagePath(text(s, usage))
        .build();
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

  private static String text(JsonNode n, String key) {
    return n.hasNonNull(key) ? n.get(key).asText() : null;
  }
}
