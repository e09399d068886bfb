package dev.ailib.core.internal.structured;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ailib.api.Description;
import dev.ailib.api.StructuredOptions;
import dev.ailib.api.TypeRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TypeSchemasTest {
  enum Level { LOW, HIGH }

  @Description("Where someone lives")
  record Address(String city, @Description("postal code") String zip) {
  }

  record Person(@Description("full name") String name, int age, Level level, List<Address> addresses,
      Optional<String> nickname) {
  }

  record Scores(Map<String, Integer> byName) {
  }

  record Node(String name, List<Node> children) {
  }

  @Test
  void recordSchemaIsStrictInDeclarationOrderWithDescriptions() {
    ObjectNode s = TypeSchemas.of(Person.class);
    assertThat(s.has("$schema")).isFalse();
    assertThat(s.path("type").asText()).isEqualTo("object");
    assertThat(s.path("additionalProperties").asBoolean(true)).isFalse();
    assertThat(fieldNames(s.path("properties"))).containsExactly("name", "age", "level", "addresses", "nickname");
    assertThat(s.path("required").toString()).isEqualTo("[\"name\",\"age\",\"level\",\"addresses\",\"nickname\"]");
    assertThat(s.path("properties").path("name").path("description").asText()).isEqualTo("full name");
    assertThat(s.path("properties").path("age").path("type").asText()).isEqualTo("integer");
    assertThat(s.path("properties").path("level").path("enum").toString()).isEqualTo("[\"LOW\",\"HIGH\"]");
    assertThat(s.path("properties").path("nickname").path("type").toString()).isEqualTo("[\"string\",\"null\"]");
    JsonNode address = s.path("properties").path("addresses").path("items");
    assertThat(address.path("additionalProperties").asBoolean(true)).isFalse();
    assertThat(address.path("description").asText()).isEqualTo("Where someone lives");
    assertThat(address.path("properties").path("zip").path("description").asText()).isEqualTo("postal code");
  }

  @Test
  void mapValuesBecomeAdditionalProperties() {
    JsonNode byName = TypeSchemas.of(Scores.class).path("properties").path("byName");
    assertThat(byName.path("additionalProperties").path("type").asText()).isEqualTo("integer");
  }

  @Test
  void recursiveTypesReferToThemselves() {
    ObjectNode s = TypeSchemas.of(Node.class);
    assertThat(s.path("properties").path("children").path("items").path("$ref").asText()).isEqualTo("#");
  }

  @Test
  void nonObjectAnswersAreWrappedAndNamedAfterTheirType() {
    OutputShape list = OutputShape.of(new TypeRef<List<Address>>() { }.type(), StructuredOptions.DEFAULTS);
    assertThat(list.wrapped()).isTrue();
    assertThat(list.name()).isEqualTo("AddressList");
    assertThat(list.schema().path("required").toString()).isEqualTo("[\"value\"]");
    assertThat(list.schema().path("properties").path("value").path("type").asText()).isEqualTo("array");
    OutputShape person = OutputShape.of(Person.class, StructuredOptions.DEFAULTS.withSchemaName("who"));
    assertThat(person.wrapped()).isFalse();
    assertThat(person.name()).isEqualTo("who");
    OutputShape address = OutputShape.of(Address.class, StructuredOptions.DEFAULTS);
    assertThat(address.description()).isEqualTo("Where someone lives");
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> out = new java.util.ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
