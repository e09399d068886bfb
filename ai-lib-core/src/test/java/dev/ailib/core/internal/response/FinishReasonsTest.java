package dev.ailib.core.internal.response;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.api.FinishReason;
import dev.ailib.core.spi.manifest.TerminationSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FinishReasonsTest {
  private static final TerminationSpec NONE = TerminationSpec.NONE;

  @Test
  void manifestMappingFirstExactThenIgnoringCase() {
    TerminationSpec gemini = new TerminationSpec("finishReason", Map.of("STOP", "end_turn", "SAFETY", "refusal",
        "WEIRD", "max_tokens", "ODD", "not_a_reason", "eos", "max_tokens"));
    assertThat(FinishReasons.map("STOP", gemini)).isEqualTo(FinishReason.END_TURN);
    assertThat(FinishReasons.map("stop", gemini)).isEqualTo(FinishReason.END_TURN);
    assertThat(FinishReasons.map("WEIRD", gemini)).isEqualTo(FinishReason.MAX_TOKENS);
    assertThat(FinishReasons.map("weird ", gemini)).isEqualTo(FinishReason.MAX_TOKENS);
    // the manifest wins over the common values
    assertThat(FinishReasons.map("eos", gemini)).isEqualTo(FinishReason.MAX_TOKENS);
    assertThat(FinishReasons.map("ODD", gemini)).isEqualTo(FinishReason.OTHER);
  }

  @Test
  void mappedValueThatIsACommonValue() {
    TerminationSpec t = new TerminationSpec("finish_reason", Map.of("halt", "length"));
    assertThat(FinishReasons.map("halt", t)).isEqualTo(FinishReason.MAX_TOKENS);
  }

  @Test
  void standardAndCommonValuesIgnoringCase() {
    assertThat(FinishReasons.map("stop", NONE)).isEqualTo(FinishReason.END_TURN);
    assertThat(FinishReasons.map("STOP", NONE)).isEqualTo(FinishReason.END_TURN);
    assertThat(FinishReasons.map("eos", NONE)).isEqualTo(FinishReason.END_TURN);
    assertThat(FinishReasons.map("EOS", NONE)).isEqualTo(FinishReason.END_TURN);
    assertThat(FinishReasons.map("length", NONE)).isEqualTo(FinishReason.MAX_TOKENS);
    assertThat(FinishReasons.map("MAX_TOKENS", NONE)).isEqualTo(FinishReason.MAX_TOKENS);
    assertThat(FinishReasons.map("tool_calls", NONE)).isEqualTo(FinishReason.TOOL_USE);
    assertThat(FinishReasons.map("content_filter", NONE)).isEqualTo(FinishReason.REFUSAL);
    assertThat(FinishReasons.map("SAFETY", NONE)).isEqualTo(FinishReason.REFUSAL);
    assertThat(FinishReasons.map("stop_sequence", NONE)).isEqualTo(FinishReason.STOP_SEQUENCE);
    assertThat(FinishReasons.map("pause_turn", NONE)).isEqualTo(FinishReason.PAUSE_TURN);
    assertThat(FinishReasons.map("refusal", NONE)).isEqualTo(FinishReason.REFUSAL);
    assertThat(FinishReasons.map("something_new", NONE)).isEqualTo(FinishReason.OTHER);
  }

  @Test
  void resolveAccountsForToolCalls() {
    assertThat(FinishReasons.resolve(null, NONE, false)).isEqualTo(FinishReason.END_TURN);
    assertThat(FinishReasons.resolve(" ", NONE, false)).isEqualTo(FinishReason.END_TURN);
    assertThat(FinishReasons.resolve(null, NONE, true)).isEqualTo(FinishReason.TOOL_USE);
    assertThat(FinishReasons.resolve("STOP", NONE, true)).isEqualTo(FinishReason.TOOL_USE);
    assertThat(FinishReasons.resolve("length", NONE, true)).isEqualTo(FinishReason.MAX_TOKENS);
    assertThat(FinishReasons.resolve("stop", NONE, false)).isEqualTo(FinishReason.END_TURN);
  }
}
