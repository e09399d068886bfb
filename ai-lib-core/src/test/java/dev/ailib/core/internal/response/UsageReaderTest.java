package dev.ailib.core.internal.response;

import static dev.ailib.core.internal.response.Json.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.api.Usage;
import org.junit.jupiter.api.Test;

class UsageReaderTest {
  @Test
  void openAiShapeWithReasoningAndCachedTokens() {
    assertThat(UsageReader.read(json("{'prompt_tokens':10,'completion_tokens':20,'total_tokens':30,"
        + "'completion_tokens_details':{'reasoning_tokens':5},'prompt_tokens_details':{'cached_tokens':4}}")))
        .isEqualTo(new Usage(10, 20, 30, 5, 4, 0));
    assertThat(UsageReader.read(json("{'prompt_tokens':1,'completion_tokens':2}"))).isEqualTo(new Usage(1, 2, 3, 0, 0));
    assertThat(UsageReader.read(json("{'prompt_tokens':9,'completion_tokens':1,'prompt_cache_hit_tokens':7}")))
        .isEqualTo(new Usage(9, 1, 10, 0, 7, 0));
  }

  @Test
  void anthropicShapeCountsCacheReadsAndWritesInThePrompt() {
    assertThat(UsageReader.read(json("{'input_tokens':10,'output_tokens':20,'cache_read_input_tokens':6,"
        + "'cache_creation_input_tokens':2}"))).isEqualTo(new Usage(18, 20, 38, 0, 6, 2));
  }

  @Test
  void anthropicShapeSplitsCacheWritesByLifetime() {
    assertThat(UsageReader.read(json("{'input_tokens':10,'output_tokens':20,'cache_read_input_tokens':6,"
        + "'cache_creation_input_tokens':300,'cache_creation':{'ephemeral_5m_input_tokens':100,"
        + "'ephemeral_1h_input_tokens':200}}"))).isEqualTo(new Usage(316, 20, 336, 0, 6, 300, 200));
    // only the split object: its parts are the writes
    assertThat(UsageReader.read(json("{'input_tokens':10,'output_tokens':1,'cache_creation':"
        + "{'ephemeral_5m_input_tokens':40,'ephemeral_1h_input_tokens':60}}")))
        .isEqualTo(new Usage(110, 1, 111, 0, 0, 100, 60));
  }

  @Test
  void responsesShapeKeepsItsIncludedCachedCount() {
    assertThat(UsageReader.read(json("{'input_tokens':100,'output_tokens':20,'total_tokens':120,"
        + "'input_tokens_details':{'cached_tokens':40},'output_tokens_details':{'reasoning_tokens':8}}")))
        .isEqualTo(new Usage(100, 20, 120, 8, 40, 0));
  }

  @Test
  void geminiShapeAddsThoughtsToCompletion() {
    assertThat(UsageReader.read(json("{'promptTokenCount':10,'candidatesTokenCount':20,'totalTokenCount':40,"
        + "'thoughtsTokenCount':10,'cachedContentTokenCount':3}"))).isEqualTo(new Usage(10, 30, 40, 10, 3, 0));
  }

  @Test
  void cohereTokensObject() {
    assertThat(UsageReader.read(json("{'billed_units':{'input_tokens':1},'tokens':{'input_tokens':12,"
        + "'output_tokens':3}}"))).isEqualTo(new Usage(12, 3, 15, 0, 0, 0));
  }

  @Test
  void notAUsageObject() {
    assertThat(UsageReader.read(null)).isEqualTo(Usage.EMPTY);
    assertThat(UsageReader.read(json("[1]"))).isEqualTo(Usage.EMPTY);
    assertThat(UsageReader.read(json("{}"))).isEqualTo(Usage.EMPTY);
    assertThat(UsageReader.read(json("{'prompt_tokens':'many','completion_tokens':2}")))
        .isEqualTo(new Usage(0, 2, 2, 0, 0, 0));
  }

  @Test
  void piecesMergeToWhatTheWholeObjectReads() {
    UsageMerger m = new UsageMerger();
    assertThat(m.present()).isFalse();
    assertThat(m.usage()).isNull();
    // Anthropic: message_start, then message_delta with the final output count
    m.merge(json("{'input_tokens':25,'cache_read_input_tokens':100,'cache_creation_input_tokens':7,'output_tokens':1}"));
    m.merge(json("{'output_tokens':15}"));
    m.merge(json("{}"));
    m.merge(json("null"));
    assertThat(m.usage()).isEqualTo(UsageReader.read(json("{'input_tokens':25,'cache_read_input_tokens':100,"
        + "'cache_creation_input_tokens':7,'output_tokens':15}")));
    assertThat(m.usage()).isEqualTo(new Usage(132, 15, 147, 0, 100, 7));
    m.set("total_tokens", json("99"));
    assertThat(m.usage().totalTokens()).isEqualTo(99);
    m.set("total_tokens", json("'x'"));
    assertThat(m.usage().totalTokens()).isEqualTo(99);
  }

  @Test
  void nestedDetailsMergeFieldByField() {
    UsageMerger m = new UsageMerger();
    m.merge(json("{'prompt_tokens':10,'prompt_tokens_details':{'cached_tokens':6}}"));
    m.merge(json("{'completion_tokens':4,'prompt_tokens_details':{'audio_tokens':0},"
        + "'completion_tokens_details':{'reasoning_tokens':2}}"));
    assertThat(m.usage()).isEqualTo(new Usage(10, 4, 14, 2, 6, 0));
  }
}
