package dev.ailib.core.internal.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ExpressionTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String s) {
    try {
      return JSON.readTree(s.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static boolean eval(String expr, String doc) {
    return Expression.parse(expr).matches(json(doc));
  }

  @Test
  void equalityAgainstSingleAndDoubleQuotedStrings() {
    assertThat(eval("$.type == 'message_delta'", "{'type':'message_delta'}")).isTrue();
    assertThat(eval("$.type == \"message_delta\"", "{'type':'message_delta'}")).isTrue();
    assertThat(eval("$.type == 'message_delta'", "{'type':'message_stop'}")).isFalse();
    assertThat(eval("$.type == 'x'", "{}")).isFalse();
    assertThat(eval("$.type != 'x'", "{'type':'y'}")).isTrue();
    assertThat(eval("$.type != 'y'", "{'type':'y'}")).isFalse();
  }

  @Test
  void stringsWithEscapesAndSpaces() {
    assertThat(Expression.parse("$.a == 'it\\'s ok'").matches(readRaw("{\"a\":\"it's ok\"}"))).isTrue();
    assertThat(Expression.parse("$.a == \"two words\"").matches(readRaw("{\"a\":\"two words\"}"))).isTrue();
    assertThat(Expression.parse("$.a == 'it\\'s ok'").matches(readRaw("{\"a\":\"its ok\"}"))).isFalse();
  }

  private static JsonNode readRaw(String s) {
    try {
      return JSON.readTree(s);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void numbersBooleansAndNull() {
    assertThat(eval("$.n == 10", "{'n':10}")).isTrue();
    assertThat(eval("$.n == 10", "{'n':10.0}")).isTrue();
    assertThat(eval("$.n == 10", "{'n':'10'}")).isFalse();
    assertThat(eval("$.n == -2.5", "{'n':-2.5}")).isTrue();
    assertThat(eval("$.n > 0", "{'n':3}")).isTrue();
    assertThat(eval("$.n >= 3", "{'n':3}")).isTrue();
    assertThat(eval("$.n < 3", "{'n':3}")).isFalse();
    assertThat(eval("$.n <= 3", "{'n':3}")).isTrue();
    assertThat(eval("$.n > 0", "{'n':'3'}")).isFalse();
    assertThat(eval("length > 0", "{}")).isFalse();
    assertThat(eval("$.is_end == true", "{'is_end':true}")).isTrue();
    assertThat(eval("$.is_end == true", "{'is_end':false}")).isFalse();
    assertThat(eval("$.is_end == false", "{'is_end':'false'}")).isFalse();
    assertThat(eval("$.f != null", "{'f':null}")).isFalse();
    assertThat(eval("$.f != null", "{}")).isFalse();
    assertThat(eval("$.f != null", "{'f':'stop'}")).isTrue();
    assertThat(eval("$.f == null", "{}")).isTrue();
    assertThat(eval("$.f == null", "{'f':null}")).isTrue();
    assertThat(eval("$.f == null", "{'f':0}")).isFalse();
    assertThat(eval("null == $.f", "{'f':0}")).isFalse();
    assertThat(eval("0 < $.f", "{'f':1}")).isTrue();
  }

  @Test
  void inList() {
    String sel = "$.type in ['message_start', 'content_block_start', 'content_block_delta', 'ping']";
    assertThat(eval(sel, "{'type':'ping'}")).isTrue();
    assertThat(eval(sel, "{'type':'message_stop'}")).isFalse();
    assertThat(eval(sel, "{}")).isFalse();
    assertThat(eval("$.n in [1, 2, null]", "{}")).isTrue();
    assertThat(eval("$.n in [1, 2]", "{'n':2}")).isTrue();
    assertThat(eval("$.n in []", "{'n':2}")).isFalse();
  }

  @Test
  void barePathIsAnExistenceTest() {
    assertThat(eval("$.choices[0].delta.content", "{'choices':[{'delta':{'content':'Hi'}}]}")).isTrue();
    assertThat(eval("$.choices[0].delta.content", "{'choices':[{'delta':{'content':null}}]}")).isFalse();
    assertThat(eval("$.choices[0].delta.content", "{'choices':[{'delta':{}}]}")).isFalse();
    assertThat(eval("$.choices[0].delta.content", "{'choices':[]}")).isFalse();
    assertThat(eval("$.choices[0].delta.content", "{'choices':'oops'}")).isFalse();
    assertThat(eval("$.usage", "{'usage':{}}")).isTrue();
    assertThat(eval("$.choices[0].delta.content", "{'choices':[{'delta':{'content':''}}]}")).isTrue();
  }

  @Test
  void existsWithAndWithoutDollar() {
    assertThat(eval("exists($.usage)", "{'usage':{'a':1}}")).isTrue();
    assertThat(eval("exists($.usage)", "{'usage':null}")).isFalse();
    assertThat(eval("exists(functionCall)", "{'functionCall':{'name':'f'}}")).isTrue();
    assertThat(eval("type == 'tool_use'", "{'type':'tool_use'}")).isTrue();
    assertThat(eval("exists ( $.a )", "{'a':1}")).isTrue();
    // a field that happens to be called exists
    assertThat(eval("exists == 1", "{'exists':1}")).isTrue();
  }

  @Test
  void wildcardFansOutAtAnyDepth() {
    String doc = "{'choices':[{'index':0,'delta':{}},{'index':1,'delta':{'tool_calls':[{'function':{'name':'a'}},"
        + "{'function':{'arguments':'{}'}}]}}]}";
    assertThat(eval("exists($.choices[*].delta.tool_calls[*].function.arguments)", doc)).isTrue();
    assertThat(eval("exists($.choices[*].delta.tool_calls[*].function.name)", doc)).isTrue();
    assertThat(eval("exists($.choices[*].delta.content)", doc)).isFalse();
    assertThat(eval("$.choices[*].index == 1", doc)).isTrue();
    assertThat(eval("$.choices[*].index == 2", doc)).isFalse();
    assertThat(eval("$.choices[*].delta.tool_calls[*].function.name == 'a'", doc)).isTrue();
    assertThat(eval("$.choices[*].finish_reason != null",
        "{'choices':[{'finish_reason':null},{'finish_reason':'stop'}]}")).isTrue();
    assertThat(eval("$.choices[*].finish_reason != null",
        "{'choices':[{'finish_reason':null},{'finish_reason':null}]}")).isFalse();
    assertThat(eval("$.choices[*].finish_reason != null", "{'choices':[]}")).isFalse();
    assertThat(eval("exists($.candidates[*].content.parts[*].text)",
        "{'candidates':[{'content':{'parts':[{'inline':1},{'text':'x'}]}}]}")).isTrue();
  }

  @Test
  void andBindsTighterThanOr() {
    String e = "exists($.image) || exists($.artifacts) || exists($.finish) && $.finish == 'complete'";
    assertThat(eval(e, "{'finish':'partial'}")).isFalse();
    assertThat(eval(e, "{'finish':'complete'}")).isTrue();
    assertThat(eval(e, "{'image':'x','finish':'partial'}")).isTrue();
    // a || b && c  ==  a || (b && c), not (a || b) && c
    assertThat(eval("$.a == 1 || $.b == 1 && $.c == 1", "{'a':1,'b':0,'c':0}")).isTrue();
    assertThat(eval("($.a == 1 || $.b == 1) && $.c == 1", "{'a':1,'b':0,'c':0}")).isFalse();
    assertThat(Parser.parseExpression("$.a || $.b && $.c").root()).isInstanceOf(ExprNode.Or.class);
    assertThat(Parser.parseExpression("$.a && $.b || $.c").root()).isInstanceOf(ExprNode.Or.class);
  }

  @Test
  void negation() {
    assertThat(eval("exists($.id) && !exists($.image)", "{'id':1}")).isTrue();
    assertThat(eval("exists($.id) && !exists($.image)", "{'id':1,'image':'x'}")).isFalse();
    assertThat(eval("!($.a == 1 || $.b == 1)", "{'a':2,'b':2}")).isTrue();
    assertThat(eval("!!$.a", "{'a':2}")).isTrue();
    assertThat(eval("exists($.finish_reason) || length > 0 && !exists($.token)", "{'length':3}")).isTrue();
    assertThat(eval("exists($.finish_reason) || length > 0 && !exists($.token)", "{'length':3,'token':1}")).isFalse();
  }

  @Test
  void andOrChains() {
    String e = "$.type == 'content_block_delta' && $.delta.type == 'text_delta'";
    assertThat(eval(e, "{'type':'content_block_delta','delta':{'type':'text_delta'}}")).isTrue();
    assertThat(eval(e, "{'type':'content_block_delta','delta':{'type':'input_json_delta'}}")).isFalse();
    String o = "exists($.choices) || exists($.error) || $.type == 'error'";
    assertThat(eval(o, "{'type':'error'}")).isTrue();
    assertThat(eval(o, "{'error':{}}")).isTrue();
    assertThat(eval(o, "{'type':'ping'}")).isFalse();
  }

  @Test
  void constants() {
    assertThat(eval("true", "{}")).isTrue();
    assertThat(eval("false || $.a", "{'a':1}")).isTrue();
  }

  @Test
  void textIsKept() {
    assertThat(Expression.parse(" $.a == 1 ").text()).isEqualTo(" $.a == 1 ");
  }

  @Test
  void errorsCarryTheColumn() {
    assertError("$.a == ", 8, "expected a string, number");
    assertError("$.a == 'x", 8, "unterminated string");
    assertError("$.a = 'x'", 5, "'=='");
    assertError("$.a | $.b", 5, "'||'");
    assertError("($.a", 5, "')'");
    assertError("$.a && ", 8, "expected a path");
    assertError("exists($.a", 11, "')' closing exists(");
    assertError("$.a == 'x' $.b", 12, "or the end");
    assertError("$.a[x]", 5, "inside '[ ]'");
    assertError("$.a[1.5]", 5, "whole number");
    assertError("$. a", 4, "right after '.'");
    assertError("$.a #", 5, "unexpected character '#'");
    assertError("$.type in ['a' 'b']", 16, "',' or ']'");
    assertError("$.type == message", 11, "quote strings");
    assertError("", 1, "empty");
    assertError("   ", 1, "empty");
    assertError("null", 1, "not a condition");
    assertError("'a'", 4, "comparison operator");
  }

  private static void assertError(String text, int column, String fragment) {
    assertThatThrownBy(() -> Expression.parse(text))
        .isInstanceOfSatisfying(ExpressionException.class, e -> {
          assertThat(e.column()).as("column of error in <%s>: %s", text, e.getMessage()).isEqualTo(column);
          assertThat(e.text()).isEqualTo(text);
          assertThat(e.getMessage()).contains(fragment).contains("column " + column);
        });
  }

  @Test
  void everyExpressionFoundInTheManifestsParses() {
    String[] all = {
      "$.candidates[0].content.parts[0].functionCall", "$.choices[*].finish_reason != null",
      "$.choices[0].finish_reason == 'tool_calls'", "$.data.choices[0].finish_reason != null",
      "$.event == 'done'", "$.type == 'content-delta'",
      "$.type in ['message_start', 'content_block_start', 'content_block_delta', 'content_block_stop', "
          + "'message_delta', 'message_stop', 'ping']",
      "exists($.candidates[*].content.parts[*].functionCall.args)", "exists($.data.choices) || exists($.error)",
      "exists($.delta) || exists($.embedding) || exists($.results)",
      "exists($.finish_reason) || length > 0 && !exists($.token)", "exists($.id) && !exists($.image)",
      "exists($.image) || exists($.artifacts) || exists($.finish) && $.finish == 'complete'",
      "exists(functionCall)", "type == 'tool_use'", "$.content[?(@.type=='text')].text",
      "$.candidates[0].content.parts[?(@.text)].text"
    };
    for (String s : all) {
      assertThat(Expression.parse(s).text()).isEqualTo(s);
    }
  }
}
