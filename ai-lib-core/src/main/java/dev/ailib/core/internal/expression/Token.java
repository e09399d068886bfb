package dev.ailib.core.internal.expression;

/**
 * One token of an expression or path, with its 0-based start and end offsets in the source text.
 *
 * @param kind the kind
 * @param text the token text (string literals: the unquoted, unescaped value)
 * @param start the offset of the first character
 * @param end the offset after the last character
 */
record Token(Kind kind, String text, int start, int end) {

  /** Token kinds. */
  enum Kind {
    DOLLAR("'$'"), AT("'@'"), DOT("'.'"), LBRACKET("'['"), RBRACKET("']'"), STAR("'*'"), LPAREN("'('"),
    RPAREN("')'"), COMMA("','"), QUESTION("'?'"), OR("'||'"), AND("'&&'"), NOT("'!'"), EQ("'=='"), NE("'!='"),
    LT("'<'"), LE("'<='"), GT("'>'"), GE("'>='"), IDENT("a name"), NUMBER("a number"), STRING("a string"),
    EOF("the end");

    final String description;

    Kind(String description) {
      this.description = description;
    }
  }

  /** A readable description for error messages. */
  String describe() {
    switch (kind) {
      case IDENT:
      case NUMBER:
        return "'" + text + "'";
      case STRING:
        return "string '" + text + "'";
      default:
        return kind.description;
    }
  }
}
