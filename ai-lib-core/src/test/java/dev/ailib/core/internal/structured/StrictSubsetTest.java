package dev.ailib.core.internal.structured;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrictSubsetTest {
  record Leaf(String name, int size) {
  }

  record Tree(String name, List<Tree> children) {
  }

  record Scores(Map<String, Integer> byName) {
  }

  private static JsonNode json(String s) throws Exception {
    return Binding.STRICT.readTree(s);
  }

  @Test
  void generatedRecordSchemasKeepToEverySubset() {
    for (StrictSubset.Profile p : StrictSubset.Profile.values()) {
      assertThat(StrictSubset.violations(TypeSchemas.of(Leaf.class), p)).as("%s", p).isEmpty();
    }
  }

  @Test
  void openAiStrictNeedsClosedObjectsAllRequiredAndKnownKeywords() throws Exception {
    List<String> v = StrictSubset.violations(json("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\","
        + "\"default\":\"x\"},\"b\":{\"type\":\"object\",\"properties\":{}}},\"required\":[\"a\"]}"),
        StrictSubset.Profile.OPENAI_STRICT);
    assertThat(v).contains("#: additionalProperties must be false",
        "#/properties/b: every property must be required (make an optional one nullable)",
        "#/properties/a: keyword 'default' is not supported",
        "#/properties/b: additionalProperties must be false");
    assertThat(StrictSubset.violations(json("{\"anyOf\":[{\"type\":\"string\"}]}"), StrictSubset.Profile.OPENAI_STRICT))
        .contains("#: the root must be an object (type: object, not anyOf)");
  }

  @Test
  void mapsAreCalledOutWhereObjectsMustBeClosed() {
    assertThat(StrictSubset.violations(TypeSchemas.of(Scores.class), StrictSubset.Profile.OPENAI_STRICT))
        .anySatisfy(s -> assertThat(s).startsWith("#/properties/byName: a map"));
    assertThat(StrictSubset.violations(TypeSchemas.of(Scores.class), StrictSubset.Profile.GEMINI_JSON_SCHEMA))
        .isEmpty();
  }

  @Test
  void recursionIsRefusedWhereItCannotBeExpressed() {
    JsonNode tree = TypeSchemas.of(Tree.class);
    assertThat(StrictSubset.violations(tree, StrictSubset.Profile.OPENAI_STRICT)).isEmpty();
    assertThat(StrictSubset.violations(tree, StrictSubset.Profile.ANTHROPIC_OUTPUT))
        .anySatisfy(s -> assertThat(s).contains("recursive type"));
    assertThat(StrictSubset.violations(tree, StrictSubset.Profile.GEMINI_OPENAPI))
        .anySatisfy(s -> assertThat(s).contains("recursive type"));
  }

  @Test
  void anthropicRefusesNumericAndLengthConstraints() throws Exception {
    assertThat(StrictSubset.violations(json("{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\","
        + "\"minimum\":1},\"xs\":{\"type\":\"array\",\"minItems\":2,\"items\":{\"type\":\"string\"}}},"
        + "\"required\":[\"n\",\"xs\"],\"additionalProperties\":false}"), StrictSubset.Profile.ANTHROPIC_OUTPUT))
        .containsExactlyInAnyOrder("#/properties/n: keyword 'minimum' is not supported",
            "#/properties/xs: minItems may only be 0 or 1");
  }
}
