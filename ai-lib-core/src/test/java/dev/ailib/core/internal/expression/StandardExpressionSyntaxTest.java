package dev.ailib.core.internal.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ailib.core.spi.manifest.ExpressionSyntax;
import dev.ailib.core.spi.manifest.ExpressionSyntax.SyntaxError;
import org.junit.jupiter.api.Test;

/** The SPI's syntax check is core's parser: same verdicts, same columns, same messages. */
class StandardExpressionSyntaxTest {
  private final ExpressionSyntax syntax = ExpressionSyntax.standard();

  @Test
  void theServiceIsFoundAndIsCoresParser() {
    assertThat(syntax).isInstanceOf(StandardExpressionSyntax.class);
    assertThat(ExpressionSyntax.standard()).isSameAs(syntax);
  }

  @Test
  void validTextPasses() {
    assertThat(syntax.checkExpression("exists($.choices[0].delta.content) && $.type in ['a', 'b']")).isEmpty();
    assertThat(syntax.checkExpression("$.content[?(@.type == 'text')].text")).isEmpty();
    assertThat(syntax.checkPath("$.choices[*].delta.tool_calls[-1]['function']")).isEmpty();
    assertThat(syntax.checkPath("choices[0].message.content")).isEmpty();
  }

  @Test
  void badExpressionReportsTheColumnAndTheParsersMessage() {
    String text = "$.type == 'a' && ";
    SyntaxError e = syntax.checkExpression(text).orElseThrow();
    ExpressionException fromParser = catchParse(() -> Expression.parse(text));
    assertThat(e.text()).isEqualTo(text);
    assertThat(e.column()).isEqualTo(fromParser.column()).isEqualTo(18);
    assertThat(e.problem()).isEqualTo(fromParser.problem()).contains("found the end");
    assertThat(e.message()).isEqualTo(fromParser.getMessage());
  }

  @Test
  void badPathReportsTheColumn() {
    SyntaxError e = syntax.checkPath("$.choices[@@").orElseThrow();
    assertThat(e.column()).isEqualTo(11);
    assertThat(e.message()).startsWith("bad expression '$.choices[@@' at column 11: ");
    // an expression is not a path, and a dangling operator is not an expression
    assertThat(syntax.checkPath("$.a == 1")).isPresent();
    assertThat(syntax.checkExpression("$.a ==")).isPresent();
  }

  @Test
  void missingAndEmptyTextAreErrorsNotExceptions() {
    assertThat(syntax.checkExpression(null).orElseThrow().problem()).isEqualTo("expression is missing");
    assertThat(syntax.checkExpression("   ").orElseThrow().problem()).isEqualTo("expression is empty");
    assertThat(syntax.checkPath("").orElseThrow().problem()).isEqualTo("path is empty");
  }

  @Test
  void aSyntaxErrorNeedsAProblemAndAColumn() {
    assertThatThrownBy(() -> new SyntaxError("x", 0, "p")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("column");
    assertThatThrownBy(() -> new SyntaxError("x", 1, null)).isInstanceOf(NullPointerException.class);
  }

  private static ExpressionException catchParse(Runnable parse) {
    try {
      parse.run();
    } catch (ExpressionException e) {
      return e;
    }
    throw new AssertionError("expected the parser to reject the text");
  }
}
