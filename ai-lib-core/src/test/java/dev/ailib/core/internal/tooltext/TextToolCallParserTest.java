package dev.ailib.core.internal.tooltext;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ailib.api.ToolCall;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextToolCallParserTest {
  @Test
  void strictReadsCanonicalBlocksOnly() {
    TextToolCalls r = TextToolCallParser.strict().parse(
        "Listing.\n<tool_call>\n{\"name\": \"shell\", \"arguments\": {\"command\": \"ls\"}}\n</tool_call>\n");
    assertThat(r.remainingText()).isEqualTo("Listing.");
    assertThat(r.calls()).extracting(ToolCall::name).containsExactly("shell");
    assertThat(r.calls().get(0).arguments()).isEqualTo(Map.of("command", "ls"));

    String dialect = "<shell><command>ls</command></shell>";
    assertThat(TextToolCallParser.strict().parse(dialect).calls()).isEmpty();
    assertThat(TextToolCallParser.strict().parse(dialect).remainingText()).isEqualTo(dialect);
  }

  @Test
  void lenientAcceptsAttributesAliasesWrappersAndDialects() {
    TextToolCallParser p = TextToolCallParser.lenient();
    assertThat(p.parse("<tool_call name=\"shell\">{\"command\": \"ls\"}</tool_call>").calls().get(0).arguments())
        .isEqualTo(Map.of("command", "ls"));
    TextToolCalls wrapped = p.parse("<tool_calls><tool_call id=\"1\">{\"name\": \"a\", \"params\": {\"x\": 1}}"
        + "</tool_call><tool_call>{\"name\": \"b\", \"args\": {}}</tool_call></tool_calls>");
    assertThat(wrapped.calls()).extracting(ToolCall::name).containsExactly("a", "b");
    assertThat(wrapped.calls()).extracting(ToolCall::id).containsExactly("text_call_1", "text_call_2");
    assertThat(wrapped.remainingText()).isEmpty();
    assertThat(p.parse("<bash>pwd</bash>").calls().get(0).arguments()).isEqualTo(Map.of("command", "pwd"));
    TextToolCalls dsml = p.parse("ok\n<｜｜DSML｜｜tool_calls><｜｜DSML｜｜invoke name=\"f\">"
        + "<｜｜DSML｜｜parameter name=\"q\" string=\"true\">a > b</｜｜DSML｜｜parameter>"
        + "<｜｜DSML｜｜parameter name=\"n\" string=\"false\">3</｜｜DSML｜｜parameter>"
        + "</｜｜DSML｜｜invoke></｜｜DSML｜｜tool_calls>");
    assertThat(dsml.remainingText()).isEqualTo("ok");
    assertThat(dsml.calls().get(0).name()).isEqualTo("f");
    assertThat(dsml.calls().get(0).argumentsJson()).isEqualTo("{\"q\":\"a > b\",\"n\":3}");
  }

  @Test
  void malformedJsonIsSkippedAndLeftAsText() {
    TextToolCalls r = TextToolCallParser.lenient().parse(
        "<tool_call>{oops</tool_call> then <tool_call>{\"name\": \"ok\", \"arguments\": {}}</tool_call>");
    assertThat(r.calls()).extracting(ToolCall::name).containsExactly("ok");
    assertThat(r.remainingText()).isEqualTo("<tool_call>{oops</tool_call> then");
  }

  @Test
  void hybridPrefersNativeCalls() {
    List<ToolCall> natives = List.of(new ToolCall("c1", "shell", "{\"command\":\"ls\"}"));
    TextToolCalls r = TextToolCallParser.lenient().parseHybrid("<bash>rm</bash>\n", natives);
    assertThat(r.calls()).isEqualTo(natives);
    assertThat(r.remainingText()).isEqualTo("<bash>rm</bash>\n");
    assertThat(TextToolCallParser.lenient().parseHybrid("<bash>rm</bash>", List.of()).calls().get(0).name())
        .isEqualTo("shell");
  }
}
