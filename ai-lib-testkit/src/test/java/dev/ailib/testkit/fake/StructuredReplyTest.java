package dev.ailib.testkit.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reply.json rendered per wire style and per mechanism; RecordedRequest.structuredOutput reading each request. */
class StructuredReplyTest {
  private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}},"
      + "\"required\":[\"n\"],\"additionalProperties\":false}";

  private final FakeProvider fake = FakeProvider.start();
  private final FakeHttp http = new FakeHttp();

  @AfterEach
  void close() {
    fake.close();
  }

  @Test
  void openAiJsonSchemaGetsTextAndTheSchemaIsRecorded() throws Exception {
    fake.enqueue(Reply.json("{\"n\":1}"));
    HttpResponse<String> r = http.postJson(fake.baseUrl() + "/chat/completions", "{\"model\":\"m\","
        + "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"N\",\"strict\":true,\"schema\":"
        + SCHEMA + "}}}");
    assertThat(Json.at(Json.parse(r.body()), "choices[0].message.content")).isEqualTo("{\"n\":1}");
    StructuredOutputRequest so = fake.takeRequest().structuredOutput().orElseThrow();
    assertThat(so).extracting(StructuredOutputRequest::mechanism, StructuredOutputRequest::field,
        StructuredOutputRequest::name, StructuredOutputRequest::strict)
        .containsExactly("json_schema", "response_format.json_schema.schema", "N", true);
    assertThat(so.schemaAt("required")).isEqualTo(List.of("n"));
  }

  @Test
  void aForcedToolGetsTheJsonAsItsArguments() throws Exception {
    fake.enqueue(Reply.json("{\"n\":2}"));
    HttpResponse<String> r = http.postJson(fake.baseUrl() + "/v1/messages", "{\"model\":\"c\",\"tools\":[{\"name\":"
        + "\"N\",\"input_schema\":" + SCHEMA + "}],\"tool_choice\":{\"type\":\"tool\",\"name\":\"N\"}}");
    Object body = Json.parse(r.body());
    assertThat(Json.at(body, "content[0].type")).isEqualTo("tool_use");
    assertThat(Json.at(body, "content[0].name")).isEqualTo("N");
    assertThat(Json.at(body, "content[0].input")).isEqualTo(Map.of("n", 2L));
    assertThat(Json.at(body, "stop_reason")).isEqualTo("tool_use");
    StructuredOutputRequest so = fake.takeRequest().structuredOutput().orElseThrow();
    assertThat(so.mechanism()).isEqualTo("tool_call");
    assertThat(so.field()).isEqualTo("tools[0].input_schema");
  }

  @Test
  void brokenJsonInAForcedToolStaysVisibleAsAString() throws Exception {
    fake.enqueue(Reply.json("{\"n\": "));
    HttpResponse<String> r = http.postJson(fake.baseUrl() + "/v1beta/models/g:generateContent", "{\"tools\":"
        + "[{\"functionDeclarations\":[{\"name\":\"N\",\"parameters\":" + SCHEMA + "}]}],\"toolConfig\":"
        + "{\"functionCallingConfig\":{\"mode\":\"ANY\",\"allowedFunctionNames\":[\"N\"]}}}");
    Object body = Json.parse(r.body());
    assertThat(Json.at(body, "candidates[0].content.parts[0].functionCall.args")).isEqualTo("{\"n\": ");
    assertThat(fake.takeRequest().structuredOutput().orElseThrow().field())
        .isEqualTo("tools[0].functionDeclarations[0].parameters");
  }

  @Test
  void geminiSchemaFieldsAndJsonModeAreRecognised() throws Exception {
    fake.enqueue(Reply.json("{\"n\":3}"), Reply.json("{\"n\":4}"));
    http.postJson(fake.baseUrl() + "/v1beta/models/g:generateContent", "{\"generationConfig\":{\"responseMimeType\":"
        + "\"application/json\",\"responseJsonSchema\":" + SCHEMA + "}}");
    http.postJson(fake.baseUrl() + "/v1beta/models/g:generateContent", "{\"generationConfig\":{\"responseMimeType\":"
        + "\"application/json\"}}");
    assertThat(fake.takeRequest().structuredOutput().orElseThrow().field())
        .isEqualTo("generationConfig.responseJsonSchema");
    assertThat(fake.takeRequest().structuredOutput().orElseThrow().mechanism()).isEqualTo("json_mode");
  }

  @Test
  void streamedJsonArrivesInItsChunks() throws Exception {
    fake.enqueue(Reply.streamedJson("{\"n\"", ":5}"));
    HttpResponse<String> r = http.postJson(fake.baseUrl() + "/chat/completions", "{\"model\":\"m\",\"stream\":true}");
    assertThat(r.body()).contains("\"content\":\"{\\\"n\\\"\"").contains("\"content\":\":5}\"");
  }
}
