package dev.ailib.core.internal.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ailib.api.error.ProtocolException;
import dev.ailib.api.error.StandardErrorCode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AnswerParserTest {
  private static final AnswerFields OPENAI = AnswerFields.of("choices[0].message", "choices[0].finish_reason",
      "usage", "id");

  private static JsonNode parse(String body, AnswerFields fields) {
    return AnswerParser.parse(body.replace('\'', '"').getBytes(StandardCharsets.UTF_8), fields, "acme");
  }

  @Test
  void keepsOnlyTheSelectedParts() {
    JsonNode n = parse("{'id':'x','object':'chat.completion','choices':[{'index':0,'message':{'content':'hi',"
        + "'tool_calls':[{'id':'c'}]},'logprobs':{'content':[1,2,3]},'finish_reason':'stop'},{'message':{}}],"
        + "'usage':{'prompt_tokens':1,'prompt_tokens_details':{'cached_tokens':0}},'system_fingerprint':'fp'}", OPENAI);
    assertThat(n.toString()).isEqualTo("{\"id\":\"x\",\"choices\":[{\"message\":{\"content\":\"hi\",\"tool_calls\":"
        + "[{\"id\":\"c\"}]},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1,\"prompt_tokens_details\":"
        + "{\"cached_tokens\":0}}}");
  }

  @Test
  void everyElementWithStar() {
    JsonNode n = parse("{'content':[{'type':'text','text':'a','citations':[1]},{'type':'tool_use','input':{'a':[1]}}]}",
        AnswerFields.of("content[*].type", "content[*].text", "content[*].input"));
    assertThat(n.toString()).isEqualTo("{\"content\":[{\"type\":\"text\",\"text\":\"a\"},{\"type\":\"tool_use\","
        + "\"input\":{\"a\":[1]}}]}");
  }

  @Test
  void keepsTheKindOfWhatIsNotTheExpectedShape() {
    assertThat(parse("[1,2,3]", OPENAI).toString()).isEqualTo("[]");
    assertThat(parse("42", OPENAI).toString()).isEqualTo("42");
    assertThat(parse("null", OPENAI).isNull()).isTrue();
    assertThat(parse("{'choices':'x'}", OPENAI).toString()).isEqualTo("{\"choices\":\"x\"}");
    assertThat(parse("{'choices':{'a':1}}", OPENAI).toString()).isEqualTo("{\"choices\":{}}");
    assertThat(parse(" {} \n", OPENAI).toString()).isEqualTo("{}");
  }

  @Test
  void failsOnWhatIsNotOneJsonValue() {
    assertThatThrownBy(() -> parse("", OPENAI)).isInstanceOf(ProtocolException.class)
        .hasMessageContaining("provider 'acme'").hasMessageContaining("empty")
        .satisfies(e -> assertThat(((ProtocolException) e).errorType()).isEqualTo(StandardErrorCode.SERVER_ERROR));
    assertThatThrownBy(() -> parse("  \n", OPENAI)).hasMessageContaining("blank");
    assertThatThrownBy(() -> parse("{'id':", OPENAI)).hasMessageContaining("is not valid JSON")
        .hasMessageContaining("line 1");
    assertThatThrownBy(() -> parse("{} {}", OPENAI)).hasMessageContaining("holds more after its JSON value");
  }

  @Test
  void aStringOverTheReaderLimitIsNamed() {
    String body = "{\"choices\":[{\"message\":{\"content\":\"" + "x".repeat(20_000_001) + "\"}}]}";
    assertThatThrownBy(() -> AnswerParser.parse(body.getBytes(StandardCharsets.US_ASCII), OPENAI, "acme"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("exceeds a limit of the JSON reader")
        .hasMessageContaining("longer than 20000000 characters")
        .hasMessageContaining("maxStringLength")
        .hasMessageNotContaining("not valid JSON");
  }

  @Test
  void theBudgetBoundsTheNodesBuiltNotTheBytesRead() {
    StringBuilder huge = new StringBuilder("{\"id\":\"x\",\"junk\":[");
    for (int i = 0; i < AnswerParser.MAX_VALUES * 2; i++) {
      huge.append(i == 0 ? "{}" : ",{}");
    }
    huge.append("]}");
    assertThat(AnswerParser.parse(huge.toString().getBytes(StandardCharsets.US_ASCII), OPENAI, "acme").toString())
        .isEqualTo("{\"id\":\"x\"}");
    String inRead = huge.toString().replace("\"junk\"", "\"usage\"");
    assertThatThrownBy(() -> AnswerParser.parse(inRead.getBytes(StandardCharsets.US_ASCII), OPENAI, "acme"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("more than " + AnswerParser.MAX_VALUES + " JSON values");
  }

  @Test
  void badPaths() {
    assertThatThrownBy(() -> AnswerFields.of("a[1]")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AnswerFields.of("a..b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AnswerFields.of("a[0")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void vectorPathsAreReadIntoFloatArraysOutsideTheValueBudget() {
    AnswerFields fields = AnswerFields.of(java.util.List.of("model"), java.util.List.of("data[*].embedding"));
    int n = AnswerParser.MAX_VALUES + 10; // more numbers than the tree budget allows
    StringBuilder b = new StringBuilder("{'model':'m','data':[{'embedding':[");
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",").append(i % 7).append(".5");
    }
    b.append("],'index':0}]}");
    JsonNode root = parse(b.toString(), fields);
    Object pojo = ((com.fasterxml.jackson.databind.node.POJONode) root.path("data").get(0).get("embedding"))
        .getPojo();
    assertThat(pojo).isInstanceOf(float[].class);
    float[] v = (float[]) pojo;
    assertThat(v).hasSize(n);
    assertThat(v[8]).isEqualTo(1.5f);
    assertThat(root.path("data").get(0).has("index")).as("not selected").isFalse();
    assertThat(root.path("model").asText()).isEqualTo("m");
    assertThat(fields.toString()).contains("data[*].embedding (vectors)");
  }

  @Test
  void aVectorThatIsNotAnArrayOfNumbersIsAMalformedAnswer() {
    AnswerFields fields = AnswerFields.of(java.util.List.of(), java.util.List.of("v"));
    assertThatThrownBy(() -> parse("{'v':[1,{'x':1}]}", fields)).isInstanceOfSatisfying(ProtocolException.class,
        e -> assertThat(e.errorType()).isEqualTo(StandardErrorCode.SERVER_ERROR))
        .hasMessageContaining("provider 'acme'").hasMessageContaining("holds an object at position 1");
    assertThatThrownBy(() -> parse("{'v':[1,null]}", fields)).hasMessageContaining("holds null at position 1");
    assertThatThrownBy(() -> parse("{'v':{'a':1}}", fields)).hasMessageContaining("expected an array of numbers");
    assertThat(((float[]) ((com.fasterxml.jackson.databind.node.POJONode) parse("{'v':[]}", fields).get("v"))
        .getPojo())).isEmpty();
  }

  @Test
  void vectorNumbersAreTheCorrectlyRoundedFloatsOfTheirText() {
    java.util.List<String> texts = new java.util.ArrayList<>(java.util.List.of("0", "-0.0", "1", "-7", "1e-45",
        "3.4028235E38", "1.17549435E-38", "0.1", "-0.0072567733", "0.016296387", "1.00000017881393432617187499",
        "1.000000178813934326171875", "1.00000017881393432617187501", "-0.006929283495992422", "123456789012345678"));
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    for (int i = 0; i < 2000; i++) {
      texts.add(Double.toString((random.nextDouble() - 0.5) / 8)); // OpenAI's doubles
      texts.add(Float.toString((float) ((random.nextDouble() - 0.5) * 1e6)));
    }
    JsonNode root = parse("{'v':[" + String.join(",", texts) + "]}",
        AnswerFields.of(java.util.List.of(), java.util.List.of("v")));
    float[] v = (float[]) ((com.fasterxml.jackson.databind.node.POJONode) root.get("v")).getPojo();
    assertThat(v).hasSize(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      assertThat(Float.floatToIntBits(v[i])).as(texts.get(i) + " (direct: " + FloatText.direct() + ")")
          .isEqualTo(Float.floatToIntBits(Float.parseFloat(texts.get(i))));
    }
  }
}
