package dev.ailib.core.internal.structured;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartialJsonTest {

  private static String at(String prefix) throws PartialJson.NotJson {
    JsonNode n = PartialJson.of(prefix, true);
    return n == null ? null : n.toString();
  }

  @Test
  void closesWhatIsOpenAndLeavesOutWhatIsIncomplete() throws Exception {
    assertThat(at("")).isNull();
    assertThat(at("  ")).isNull();
    assertThat(at("{")).isEqualTo("{}");
    assertThat(at("{\"na")).isEqualTo("{}");
    assertThat(at("{\"name\"")).isEqualTo("{}");
    assertThat(at("{\"name\":")).isEqualTo("{}");
    assertThat(at("{\"name\": \"An")).isEqualTo("{\"name\":\"An\"}");
    assertThat(at("{\"name\": \"Ann\", \"age\": 4")).isEqualTo("{\"name\":\"Ann\"}");
    assertThat(at("{\"name\": \"Ann\", \"age\": 42,")).isEqualTo("{\"name\":\"Ann\",\"age\":42}");
    assertThat(at("{\"ok\": tr")).isEqualTo("{}");
    assertThat(at("{\"ok\": true, \"n\": nul")).isEqualTo("{\"ok\":true}");
    assertThat(at("{\"tags\": [\"a\", \"b")).isEqualTo("{\"tags\":[\"a\",\"b\"]}");
    assertThat(at("{\"xs\": [{\"c\": 1}, {\"c\"")).isEqualTo("{\"xs\":[{\"c\":1},{}]}");
    assertThat(at("{\"s\": \"a\\")).isEqualTo("{\"s\":\"a\"}");
    assertThat(at("{\"s\": \"a\\u00e")).isEqualTo("{\"s\":\"a\"}");
    assertThat(at("{\"s\": \"a\\u00e9\\n")).isEqualTo("{\"s\":\"aé\\n\"}");
    assertThat(at("{\"a\": 1} trailing")).isEqualTo("{\"a\":1}");
  }

  @Test
  void stringsStillArrivingCanBeLeftOut() throws Exception {
    assertThat(PartialJson.of("{\"d\": \"2024-0", false).toString()).isEqualTo("{}");
    assertThat(PartialJson.of("{\"d\": \"2024-01-02\"", false).toString()).isEqualTo("{\"d\":\"2024-01-02\"}");
  }

  @Test
  void everyPrefixIsConsistentWithTheWhole() throws Exception {
    String whole = "{\"name\":\"Ada Lovelace\",\"age\":36,\"tags\":[\"math\",\"poetry\"],\"home\":{\"city\":\"London\","
        + "\"zip\":null},\"ok\":false}";
    JsonNode end = Binding.STRICT.readTree(whole);
    List<JsonNode> views = new ArrayList<>();
    for (int i = 0; i <= whole.length(); i++) {
      JsonNode v = PartialJson.of(whole.substring(0, i), true);
      if (v != null) {
        views.add(v);
      }
    }
    assertThat(views.get(views.size() - 1)).isEqualTo(end);
    for (int i = 1; i < views.size(); i++) {
      assertThat(Prefixes.consistent(views.get(i - 1), views.get(i))).as("view %d then %d", i - 1, i).isTrue();
    }
  }

  @Test
  void textThatCannotBeJsonIsReported() {
    assertThatThrownBy(() -> PartialJson.of("Sure! Here is", true)).isInstanceOf(PartialJson.NotJson.class);
    assertThatThrownBy(() -> PartialJson.of("{\"a\" 1}", true)).isInstanceOf(PartialJson.NotJson.class);
  }
}
