package dev.ailib.core.internal.structured;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.api.FinishReason;
import dev.ailib.api.StructuredOptions;
import dev.ailib.api.TypeRef;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnswerReaderTest {
  enum Level { LOW, HIGH }

  record Item(String label, int count) {
  }

  record Order(String id, Level level, List<Item> items, Optional<String> note) {
  }

  private static final OutputShape ORDER = OutputShape.of(Order.class, StructuredOptions.DEFAULTS);

  @Test
  void validAnswerBinds() {
    AnswerReader.Outcome o = AnswerReader.read("```json\n{\"id\":\"o1\",\"level\":\"HIGH\",\"items\":[{\"label\":\"x\","
        + "\"count\":2}],\"note\":null}\n```", ORDER, FinishReason.END_TURN);
    assertThat(o).isInstanceOf(AnswerReader.Valid.class);
    Order order = (Order) ((AnswerReader.Valid) o).value();
    assertThat(order).isEqualTo(new Order("o1", Level.HIGH, List.of(new Item("x", 2)), Optional.empty()));
  }

  @Test
  void schemaProblemsNameTheirPath() {
    AnswerReader.Invalid bad = (AnswerReader.Invalid) AnswerReader.read("{\"id\":\"o1\",\"level\":\"MID\",\"items\":"
        + "[{\"label\":\"x\",\"count\":\"two\"}],\"note\":null,\"extra\":1}", ORDER, FinishReason.END_TURN);
    assertThat(bad.parsed()).isTrue();
    assertThat(bad.problems()).extracting(Problem::path)
        .containsExactlyInAnyOrder("$.level", "$.items[0].count", "$.extra");
    assertThat(bad.problems()).filteredOn(p -> p.path().equals("$.items[0].count")).first()
        .extracting(Problem::message).asString().contains("integer");
  }

  @Test
  void missingFieldIsNamed() {
    AnswerReader.Invalid bad = (AnswerReader.Invalid) AnswerReader.read("{\"id\":\"o1\",\"level\":\"LOW\","
        + "\"items\":[]}", ORDER, FinishReason.END_TURN);
    assertThat(bad.problems()).containsExactly(new Problem("$.note", "required property missing"));
  }

  @Test
  void cutOffAndBrokenJsonSayWhereAndWhy() {
    AnswerReader.Invalid cut = (AnswerReader.Invalid) AnswerReader.read("{\"id\":\"o1\",\"lev", ORDER,
        FinishReason.MAX_TOKENS);
    assertThat(cut.parsed()).isFalse();
    assertThat(cut.summary()).contains("cut off").contains("token limit");
    AnswerReader.Invalid broken = (AnswerReader.Invalid) AnswerReader.read("{\"id\": o1}", ORDER,
        FinishReason.END_TURN);
    assertThat(broken.location().line()).isEqualTo(1);
    assertThat(broken.location().column()).isGreaterThan(1);
    assertThat(broken.summary()).contains("not valid JSON").contains("line 1");
  }

  @Test
  void wrappedAnswersReportPathsWithoutTheWrapper() {
    OutputShape items = OutputShape.of(new TypeRef<List<Item>>() { }.type(), StructuredOptions.DEFAULTS);
    AnswerReader.Invalid bad = (AnswerReader.Invalid) AnswerReader.read("{\"value\":[{\"label\":\"x\"}]}", items,
        FinishReason.END_TURN);
    assertThat(bad.problems()).containsExactly(new Problem("$[0].count", "required property missing"));
    AnswerReader.Valid ok = (AnswerReader.Valid) AnswerReader.read("{\"value\":[{\"label\":\"x\",\"count\":1}]}",
        items, FinishReason.END_TURN);
    assertThat(ok.value()).isEqualTo(List.of(new Item("x", 1)));
  }
}
