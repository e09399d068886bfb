package dev.ailib.api.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void parsesAllValueKinds() {
    Object v = Json.parse(" {\"s\":\"a\\n\\u00e9\",\"n\":-1.5e2,\"i\":7,\"b\":true,\"z\":null,\"l\":[1,{}]} ");
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) v;
    assertThat(m).containsEntry("s", "a\né").containsEntry("i", 7L).containsEntry("b", true).containsEntry("z", null);
    assertThat(m.get("n")).isEqualTo(new BigDecimal("-1.5e2"));
    assertThat(m.get("l")).isEqualTo(List.of(1L, Map.of()));
  }

  @Test
  void writesWhatItReads() {
    String text = "{\"a\":[1,\"x\\\"y\",true,null],\"b\":{\"c\":\"\\n\"}}";
    assertThat(Json.write(Json.parse(text))).isEqualTo(text);
  }

  @Test
  void errorsNameTheOffset() {
    assertThatThrownBy(() -> Json.parse("{\"a\" 1}")).hasMessage("expected ':' at offset 5");
    assertThatThrownBy(() -> Json.parse("[1,2")).hasMessageContaining("unexpected end of input");
    assertThatThrownBy(() -> Json.parse("{} x")).hasMessageContaining("trailing");
  }

  @Test
  void deepNestingIsBounded() {
    String deep = "[".repeat(10_000) + "]".repeat(10_000);
    assertThatThrownBy(() -> Json.parse(deep)).hasMessageContaining("nesting deeper than");
  }
}
