package dev.ailib.core.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ailib.api.FinishReason;
import dev.ailib.api.Usage;
import dev.ailib.api.error.RemoteException;
import dev.ailib.api.error.StandardErrorCode;
import dev.ailib.core.spi.manifest.ErrorClassificationSpec;
import dev.ailib.core.spi.manifest.TerminationSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Usage shapes, finish-reason mapping and error classification. */
class SmallPartsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String s) {
    try {
      return JSON.readTree(s.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void usageShapes() {
    assertThat(UsageMapper.toUsage(json("{'prompt_tokens':10,'completion_tokens':20,'total_tokens':30,"
        + "'completion_tokens_details':{'reasoning_tokens':5},'prompt_tokens_details':{'cached_tokens':4}}")))
        .isEqualTo(new Usage(10, 20, 30, 5, 4));
    assertThat(UsageMapper.toUsage(json("{'input_tokens':10,'output_tokens':20,'cache_read_input_tokens':6,"
        + "'cache_creation_input_tokens':2}"))).isEqualTo(new Usage(18, 20, 38, 0, 6));
    assertThat(UsageMapper.toUsage(json("{'promptTokenCount':10,'candidatesTokenCount':20,'totalTokenCount':40,"
        + "'thoughtsTokenCount':10,'cachedContentTokenCount':3}"))).isEqualTo(new Usage(10, 30, 40, 10, 3));
    assertThat(UsageMapper.toUsage(json("{'prompt_tokens':1,'completion_tokens':2}"))).isEqualTo(new Usage(1, 2, 3, 0, 0));
  }

  @Test
  void usageMergesPieces() {
    UsageMapper m = new UsageMapper();
    assertThat(m.present()).isFalse();
    assertThat(m.usage()).isNull();
    m.merge(json("{'input_tokens':25,'output_tokens':1}"));
    m.merge(json("{'output_tokens':15}"));
    m.merge(json("{}"));
    m.merge(json("null"));
    assertThat(m.usage()).isEqualTo(new Usage(25, 15, 40, 0, 0));
    m.set("total_tokens", json("99"));
    assertThat(m.usage().totalTokens()).isEqualTo(99);
  }

  @Test
  void finishReasonsManifestFirstThenStandard() {
    TerminationSpec gemini = new TerminationSpec("finishReason", Map.of("STOP", "end_turn", "SAFETY", "refusal",
        "WEIRD", "max_tokens", "ODD", "not_a_reason"));
    assertThat(FinishReasons.map("STOP", gemini)).isEqualTo(FinishReason.END_TURN);
    assertThat(FinishReasons.map("stop", gemini)).isEqualTo(FinishReason.END_TURN);
    assertThat(FinishReasons.map("WEIRD", gemini)).isEqualTo(FinishReason.MAX_TOKENS);
    assertThat(FinishReasons.map("ODD", gemini)).isEqualTo(FinishReason.OTHER);
    TerminationSpec none = TerminationSpec.NONE;
    assertThat(FinishReasons.map("stop", none)).isEqualTo(FinishReason.END_TURN);
    assertThat(FinishReasons.map("length", none)).isEqualTo(FinishReason.MAX_TOKENS);
    assertThat(FinishReasons.map("tool_calls", none)).isEqualTo(FinishReason.TOOL_USE);
    assertThat(FinishReasons.map("content_filter", none)).isEqualTo(FinishReason.REFUSAL);
    assertThat(FinishReasons.map("MAX_TOKENS", none)).isEqualTo(FinishReason.MAX_TOKENS);
    assertThat(FinishReasons.map("SAFETY", none)).isEqualTo(FinishReason.REFUSAL);
    assertThat(FinishReasons.map("stop_sequence", none)).isEqualTo(FinishReason.STOP_SEQUENCE);
    assertThat(FinishReasons.map("pause_turn", none)).isEqualTo(FinishReason.PAUSE_TURN);
    assertThat(FinishReasons.map("something_new", none)).isEqualTo(FinishReason.OTHER);
  }

  @Test
  void errorClassificationOrder() {
    ErrorClassificationSpec spec = new ErrorClassificationSpec(Map.of(429, StandardErrorCode.RATE_LIMITED,
        503, StandardErrorCode.OVERLOADED), Map.of("RESOURCE_EXHAUSTED", StandardErrorCode.QUOTA_EXHAUSTED));
    // the provider's code beats the HTTP status
    RemoteException e = ErrorClassifier.classify(json("{'error':{'message':'quota','type':'insufficient_quota',"
        + "'code':'insufficient_quota'}}"), 429, spec);
    assertThat(e.errorType()).isEqualTo(StandardErrorCode.QUOTA_EXHAUSTED);
    assertThat(e.statusCode()).isEqualTo(429);
    assertThat(e.providerCode()).contains("insufficient_quota");
    assertThat(e.getMessage()).contains("HTTP 429", "quota");
    // manifest by_error_code on a status string; numeric code used as the status
    e = ErrorClassifier.classify(json("{'error':{'code':429,'status':'RESOURCE_EXHAUSTED','message':'m'}}"), -1, spec);
    assertThat(e.errorType()).isEqualTo(StandardErrorCode.QUOTA_EXHAUSTED);
    e = ErrorClassifier.classify(json("{'error':{'code':429,'message':'m'}}"), -1, ErrorClassificationSpec.NONE);
    assertThat(e.errorType()).isEqualTo(StandardErrorCode.RATE_LIMITED);
    // a generic type loses to the HTTP status
    e = ErrorClassifier.classify(json("{'error':{'type':'invalid_request_error','message':'m'}}"), 401,
        ErrorClassificationSpec.NONE);
    assertThat(e.errorType()).isEqualTo(StandardErrorCode.AUTHENTICATION);
    e = ErrorClassifier.classify(json("{'type':'error','error':{'type':'overloaded_error','message':'Overloaded'}}"),
        -1, ErrorClassificationSpec.NONE);
    assertThat(e.errorType()).isEqualTo(StandardErrorCode.OVERLOADED);
    e = ErrorClassifier.classify(json("{'error':'plain text'}"), -1, ErrorClassificationSpec.NONE);
    assertThat(e.errorType()).isEqualTo(StandardErrorCode.UNKNOWN);
    assertThat(e.getMessage()).contains("plain text");
    e = ErrorClassifier.classify(null, 503, spec);
    assertThat(e.errorType()).isEqualTo(StandardErrorCode.OVERLOADED);
  }

  @Test
  void emitNames() {
    assertThat(EmitNames.kind("PartialContentDelta")).isPresent();
    assertThat(EmitNames.kind("partial_tool_call")).isPresent();
    assertThat(EmitNames.kind("UsageReport")).isPresent();
    assertThat(EmitNames.kind("Bogus")).isEmpty();
  }
}
