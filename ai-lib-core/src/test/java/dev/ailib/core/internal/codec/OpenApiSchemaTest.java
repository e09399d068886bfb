package dev.ailib.core.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ailib.api.error.ProtocolException;
import org.junit.jupiter.api.Test;

class OpenApiSchemaTest {
  private static final ObjectMapper M = new ObjectMapper();

  @Test
  void inlinesReferencesAndTurnsNullTypesIntoNullable() throws Exception {
    JsonNode in = M.readTree("{\"$defs\":{\"A\":{\"type\":\"object\",\"properties\":{\"c\":{\"type\":\"string\"}},"
        + "\"required\":[\"c\"],\"additionalProperties\":false}},\"type\":\"object\",\"properties\":{\"a\":{\"$ref\":"
        + "\"#/$defs/A\",\"description\":\"an A\"},\"n\":{\"type\":[\"integer\",\"null\"]},\"k\":{\"const\":\"x\"},"
        + "\"o\":{\"anyOf\":[{\"type\":\"null\"},{\"type\":\"string\"}]}},\"required\":[\"a\",\"n\",\"k\",\"o\"],"
        + "\"additionalProperties\":false}");
    JsonNode out = OpenApiSchema.convert(in, "test", true);
    assertThat(out).isEqualTo(M.readTree("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"object\","
        + "\"properties\":{\"c\":{\"type\":\"string\"}},\"propertyOrdering\":[\"c\"],\"required\":[\"c\"],"
        + "\"description\":\"an A\"},\"n\":{\"type\":\"integer\",\"nullable\":true},\"k\":{\"enum\":[\"x\"]},"
        + "\"o\":{\"nullable\":true,\"type\":\"string\"}},\"propertyOrdering\":[\"a\",\"n\",\"k\",\"o\"],"
        + "\"required\":[\"a\",\"n\",\"k\",\"o\"]}"));
  }

  @Test
  void recursiveSchemasAreAnError() throws Exception {
    JsonNode in = M.readTree("{\"type\":\"object\",\"properties\":{\"kids\":{\"type\":\"array\",\"items\":"
        + "{\"$ref\":\"#\"}}}}");
    assertThatThrownBy(() -> OpenApiSchema.convert(in, "parameters of tool 't'", false))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("parameters of tool 't'")
        .hasMessageContaining("recursive");
  }
}
