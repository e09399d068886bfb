package dev.ailib.core.internal.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class JsonPathTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String s) {
    try {
      return JSON.readTree(s.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static List<String> texts(String path, String doc) {
    return JsonPath.parse(path).select(json(doc)).stream().map(JsonNode::asText).collect(Collectors.toList());
  }

  @Test
  void fieldsAndIndexes() {
    String doc = "{'choices':[{'delta':{'content':'a'}},{'delta':{'content':'b'}}]}";
    assertThat(texts("$.choices[0].delta.content", doc)).containsExactly("a");
    assertThat(texts("$.choices[1].delta.content", doc)).containsExactly("b");
    assertThat(texts("$.choices[-1].delta.content", doc)).containsExactly("b");
    assertThat(texts("$.choices[2].delta.content", doc)).isEmpty();
    assertThat(texts("$.choices[-3].delta.content", doc)).isEmpty();
    assertThat(texts("choices[0].delta.content", doc)).containsExactly("a");
    assertThat(texts("choices.1.delta.content", doc)).containsExactly("b");
    assertThat(texts("$['choices'][0][\"delta\"].content", doc)).containsExactly("a");
    assertThat(JsonPath.parse("$").first(json(doc))).isEqualTo(json(doc));
    assertThat(texts("$.donn\u00e9es.x-y", "{'donn\u00e9es':{'x-y':'ok'}}")).containsExactly("ok");
  }

  @Test
  void wildcardFansOutInDocumentOrder() {
    String doc = "{'choices':[{'delta':{'tool_calls':[{'index':0},{'index':1}]}},{'delta':{}},"
        + "{'delta':{'tool_calls':[{'index':5}]}}]}";
    assertThat(texts("$.choices[*].delta.tool_calls[*].index", doc)).containsExactly("0", "1", "5");
    assertThat(JsonPath.parse("$.choices[*].delta.tool_calls[*].index").fansOut()).isTrue();
    assertThat(JsonPath.parse("$.choices[0].delta").fansOut()).isFalse();
    assertThat(texts("$.a.*", "{'a':{'x':1,'y':2}}")).containsExactly("1", "2");
  }

  @Test
  void missingAndNull() {
    JsonPath p = JsonPath.parse("$.a.b");
    assertThat(p.first(json("{}"))).isNull();
    assertThat(p.first(json("{'a':null}"))).isNull();
    assertThat(p.first(json("{'a':{'b':null}}")).isNull()).isTrue();
    assertThat(p.exists(json("{'a':{'b':null}}"))).isFalse();
    assertThat(p.exists(json("{'a':{'b':0}}"))).isTrue();
    assertThat(p.select(json("{'a':[1,2]}"))).isEmpty();
  }

  @Test
  void filters() {
    String doc = "{'content':[{'type':'text','text':'a'},{'type':'tool_use'},{'type':'text','text':'b'}]}";
    assertThat(texts("$.content[?(@.type=='text')].text", doc)).containsExactly("a", "b");
    assertThat(texts("$.content[?(@.text)].type", doc)).containsExactly("text", "text");
  }

  @Test
  void badPaths() {
    assertThatThrownBy(() -> JsonPath.parse("$.a b")).isInstanceOf(ExpressionException.class)
        .hasMessageContaining("column 5");
    assertThatThrownBy(() -> JsonPath.parse("$.a[")).isInstanceOf(ExpressionException.class)
        .hasMessageContaining("column 5");
    assertThatThrownBy(() -> JsonPath.parse("")).isInstanceOf(ExpressionException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> JsonPath.parse("== 1")).isInstanceOf(ExpressionException.class)
        .hasMessageContaining("column 1");
  }
}
