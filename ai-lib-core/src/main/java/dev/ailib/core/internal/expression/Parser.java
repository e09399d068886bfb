package dev.ailib.core.internal.expression;

import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for match expressions and paths over the tokens of {@link Lexer}.
 *
 * <pre>
 * or      := and ('||' and)*
 * and     := unary ('&amp;&amp;' unary)*
 * unary   := '!' unary | primary
 * primary := '(' or ')' | 'exists' '(' path ')' | 'true' | 'false'
 *          | path [ ('==' | '!=' | '&lt;' | '&lt;=' | '&gt;' | '&gt;=') literal | 'in' '[' literal (',' literal)* ']' ]
 *          | literal ('==' | '!=' | ...) path
 * path    := ('$' | '@' | name) ( '.' name | '.' '*' | '[' (number | '*' | string | '?' '(' or ')') ']' )*
 *            (no blanks inside a path)
 * literal := string | number | 'true' | 'false' | 'null'
 * </pre>
 * {@code &&} binds tighter than {@code ||}. Errors carry the 1-based column.
 */
final class Parser {
  private final String text;
  private final List<Token> tokens;
  private int pos;

  private Parser(String text) {
    this.text = text;
    this.tokens = Lexer.tokenize(text);
  }

  static ParsedExpression parseExpression(String text) {
    if (text == null) {
      throw new ExpressionException("null", 1, "expression is missing");
    }
    Parser p = new Parser(text);
    if (p.peek().kind() == Token.Kind.EOF) {
      throw new ExpressionException(text, 1, "expression is empty");
    }
    ExprNode root = p.or();
    p.expect(Token.Kind.EOF, "an operator ('||', '&&', '==', '!=', 'in') or the end");
    return new ParsedExpression(text, root);
  }

  static ParsedPath parsePath(String text) {
    if (text == null) {
      throw new ExpressionException("null", 1, "path is missing");
    }
    Parser p = new Parser(text);
    if (p.peek().kind() == Token.Kind.EOF) {
      throw new ExpressionException(text, 1, "path is empty");
    }
    ParsedPath path = p.path();
    p.expect(Token.Kind.EOF, "'.', '[' or the end of the path");
    return path;
  }

  private ExprNode or() {
    ExprNode left = and();
    while (peek().kind() == Token.Kind.OR) {
      pos++;
      left = new ExprNode.Or(left, and());
    }
    return left;
  }

  private ExprNode and() {
    ExprNode left = unary();
    while (peek().kind() == Token.Kind.AND) {
      pos++;
      left = new ExprNode.And(left, unary());
    }
    return left;
  }

  private ExprNode unary() {
    if (peek().kind() == Token.Kind.NOT) {
      pos++;
      return new ExprNode.Not(unary());
    }
    return primary();
  }

  private ExprNode primary() {
    Token t = peek();
    switch (t.kind()) {
      case LPAREN: {
        pos++;
        ExprNode inner = or();
        expect(Token.Kind.RPAREN, "')'");
        return inner;
      }
      case DOLLAR:
      case AT:
        return afterPath(path());
      case STRING:
      case NUMBER:
        return literalFirst();
      case IDENT:
        if (t.text().equals("exists") && peekAt(1).kind() == Token.Kind.LPAREN) {
          pos += 2;
          ParsedPath path = path();
          expect(Token.Kind.RPAREN, "')' closing exists(");
          return new ExprNode.Exists(path);
        }
        if (isKeywordLiteral(t.text())) {
          if (isComparison(peekAt(1).kind())) {
            return literalFirst();
          }
          if (t.text().equals("null")) {
            throw error(t, "null on its own is not a condition");
          }
          pos++;
          return new ExprNode.Constant(t.text().equals("true"));
        }
        return afterPath(path());
      default:
        throw error(t, "expected a path, exists(...), '!' or '(' but found " + t.describe());
    }
  }

  /** What may follow a path: a comparison, {@code in [...]}, or nothing (an existence test). */
  private ExprNode afterPath(ParsedPath path) {
    Token t = peek();
    if (isComparison(t.kind())) {
      pos++;
      return new ExprNode.Compare(path, op(t.kind()), literal());
    }
    if (t.kind() == Token.Kind.IDENT && t.text().equals("in")) {
      pos++;
      expect(Token.Kind.LBRACKET, "'[' after 'in'");
      List<ExprNode.Literal> values = new ArrayList<>();
      if (peek().kind() != Token.Kind.RBRACKET) {
        values.add(literal());
        while (peek().kind() == Token.Kind.COMMA) {
          pos++;
          values.add(literal());
        }
      }
      expect(Token.Kind.RBRACKET, "',' or ']' in the 'in' list");
      return new ExprNode.In(path, List.copyOf(values));
    }
    return new ExprNode.Exists(path);
  }

  /** {@code literal OP path}, turned around into {@code path OP' literal}. */
  private ExprNode literalFirst() {
    ExprNode.Literal lit = literal();
    Token opToken = peek();
    if (!isComparison(opToken.kind())) {
      throw error(opToken, "expected a comparison operator after the literal but found " + opToken.describe());
    }
    pos++;
    ParsedPath path = path();
    ExprNode.Op op = op(opToken.kind());
    switch (op) {
      case LT: op = ExprNode.Op.GT; break;
      case LE: op = ExprNode.Op.GE; break;
      case GT: op = ExprNode.Op.LT; break;
      case GE: op = ExprNode.Op.LE; break;
      default: break;
    }
    return new ExprNode.Compare(path, op, lit);
  }

  private ExprNode.Literal literal() {
    Token t = peek();
    switch (t.kind()) {
      case STRING:
        pos++;
        return new ExprNode.Literal(ExprNode.Literal.Type.STRING, t.text(), 0, false);
      case NUMBER:
        pos++;
        try {
          return new ExprNode.Literal(ExprNode.Literal.Type.NUMBER, t.text(), Double.parseDouble(t.text()), false);
        } catch (NumberFormatException e) {
          throw error(t, "bad number " + t.describe());
        }
      case IDENT:
        if (t.text().equals("true") || t.text().equals("false")) {
          pos++;
          return new ExprNode.Literal(ExprNode.Literal.Type.BOOLEAN, t.text(), 0, t.text().equals("true"));
        }
        if (t.text().equals("null")) {
          pos++;
          return new ExprNode.Literal(ExprNode.Literal.Type.NULL, "null", 0, false);
        }
        throw error(t, "expected a string, number, true, false or null but found " + t.describe()
            + " (quote strings: '" + t.text() + "')");
      default:
        throw error(t, "expected a string, number, true, false or null but found " + t.describe());
    }
  }

  private ParsedPath path() {
    Token first = peek();
    int start = first.start();
    List<PathStep> steps = new ArrayList<>();
    int end;
    switch (first.kind()) {
      case DOLLAR:
      case AT:
        pos++;
        end = first.end();
        break;
      case IDENT:
        pos++;
        steps.add(PathStep.field(first.text()));
        end = first.end();
        break;
      default:
        throw error(first, "expected a path ('$.field', '@.field' or 'field') but found " + first.describe());
    }
    while (true) {
      Token t = peek();
      if (t.start() != end) {
        break; // a blank ends the path
      }
      if (t.kind() == Token.Kind.DOT) {
        pos++;
        Token name = peek();
        if (name.start() != t.end()) {
          throw error(name, "expected a field name right after '.'");
        }
        if (name.kind() == Token.Kind.IDENT) {
          steps.add(PathStep.field(name.text()));
        } else if (name.kind() == Token.Kind.STAR) {
          steps.add(PathStep.wildcard());
        } else if (name.kind() == Token.Kind.NUMBER && name.text().charAt(0) != '-' && name.text().indexOf('.') < 0) {
          steps.add(PathStep.field(name.text()));
        } else {
          throw error(name, "expected a field name after '.' but found " + name.describe());
        }
        pos++;
        end = name.end();
      } else if (t.kind() == Token.Kind.LBRACKET) {
        pos++;
        Token in = peek();
        switch (in.kind()) {
          case STAR:
            pos++;
            steps.add(PathStep.wildcard());
            break;
          case NUMBER:
            pos++;
            steps.add(PathStep.index(parseIndex(in)));
            break;
          case STRING:
            pos++;
            steps.add(PathStep.field(in.text()));
            break;
          case QUESTION: {
            pos++;
            expect(Token.Kind.LPAREN, "'(' after '[?'");
            ExprNode filter = or();
            expect(Token.Kind.RPAREN, "')' closing the filter");
            steps.add(PathStep.filter(filter));
            break;
          }
          default:
            throw error(in, "expected an index, '*', a quoted name or '?(' inside '[ ]' but found " + in.describe());
        }
        end = expect(Token.Kind.RBRACKET, "']'").end();
      } else {
        break;
      }
    }
    return new ParsedPath(text.substring(start, end), steps);
  }

  private int parseIndex(Token t) {
    String s = t.text();
    if (s.indexOf('.') >= 0 || s.indexOf('e') >= 0 || s.indexOf('E') >= 0) {
      throw error(t, "an index must be a whole number but found " + t.describe());
    }
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw error(t, "index out of range: " + s);
    }
  }

  private static boolean isKeywordLiteral(String s) {
    return s.equals("true") || s.equals("false") || s.equals("null");
  }

  private static boolean isComparison(Token.Kind k) {
    return k == Token.Kind.EQ || k == Token.Kind.NE || k == Token.Kind.LT || k == Token.Kind.LE
        || k == Token.Kind.GT || k == Token.Kind.GE;
  }

  private static ExprNode.Op op(Token.Kind k) {
    switch (k) {
      case EQ: return ExprNode.Op.EQ;
      case NE: return ExprNode.Op.NE;
      case LT: return ExprNode.Op.LT;
      case LE: return ExprNode.Op.LE;
      case GT: return ExprNode.Op.GT;
      default: return ExprNode.Op.GE;
    }
  }

  private Token peek() {
    return tokens.get(pos);
  }

  private Token peekAt(int ahead) {
    return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
  }

  private Token expect(Token.Kind kind, String what) {
    Token t = peek();
    if (t.kind() != kind) {
      throw error(t, "expected " + what + " but found " + t.describe());
    }
    pos++;
    return t;
  }

  private ExpressionException error(Token t, String problem) {
    return new ExpressionException(text, t.start() + 1, problem);
  }
}
