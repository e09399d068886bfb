package dev.ailib.core.internal.expression;

import java.util.ArrayList;
import java.util.List;

/** Turns expression text into tokens. Single pass, no regular expressions. */
final class Lexer {
  private final String text;
  private int pos;

  private Lexer(String text) {
    this.text = text;
  }

  /**
   * Tokenizes the whole text; the last token is {@link Token.Kind#EOF}.
   *
   * @throws ExpressionException on a character that starts no token, or an unterminated string
   */
  static List<Token> tokenize(String text) {
    Lexer lexer = new Lexer(text);
    List<Token> out = new ArrayList<>();
    Token t;
    do {
      t = lexer.next();
      out.add(t);
    } while (t.kind() != Token.Kind.EOF);
    return out;
  }

  private Token next() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
    int start = pos;
    if (pos >= text.length()) {
      return new Token(Token.Kind.EOF, "", start, start);
    }
    char c = text.charAt(pos);
    switch (c) {
      case '$': return single(Token.Kind.DOLLAR);
      case '@': return single(Token.Kind.AT);
      case '.': return single(Token.Kind.DOT);
      case '[': return single(Token.Kind.LBRACKET);
      case ']': return single(Token.Kind.RBRACKET);
      case '*': return single(Token.Kind.STAR);
      case '(': return single(Token.Kind.LPAREN);
      case ')': return single(Token.Kind.RPAREN);
      case ',': return single(Token.Kind.COMMA);
      case '?': return single(Token.Kind.QUESTION);
      case '|': return pair('|', Token.Kind.OR, null);
      case '&': return pair('&', Token.Kind.AND, null);
      case '=': return pair('=', Token.Kind.EQ, null);
      case '!': return pair('=', Token.Kind.NE, Token.Kind.NOT);
      case '<': return pair('=', Token.Kind.LE, Token.Kind.LT);
      case '>': return pair('=', Token.Kind.GE, Token.Kind.GT);
      case '\'':
      case '"':
        return string(c);
      default:
        break;
    }
    if (isDigit(c) || (c == '-' && pos + 1 < text.length() && isDigit(text.charAt(pos + 1)))) {
      return number();
    }
    if (isNameStart(c)) {
      pos++;
      while (pos < text.length() && isNamePart(text.charAt(pos))) {
        pos++;
      }
      return new Token(Token.Kind.IDENT, text.substring(start, pos), start, pos);
    }
    throw new ExpressionException(text, start + 1, "unexpected character '" + c + "'");
  }

  private Token single(Token.Kind kind) {
    pos++;
    return new Token(kind, text.substring(pos - 1, pos), pos - 1, pos);
  }

  /** A two-character operator whose second character is {@code second}, else {@code alone} (null: an error). */
  private Token pair(char second, Token.Kind both, Token.Kind alone) {
    int start = pos;
    char first = text.charAt(pos);
    if (pos + 1 < text.length() && text.charAt(pos + 1) == second) {
      pos += 2;
      return new Token(both, text.substring(start, pos), start, pos);
    }
    if (alone == null) {
      throw new ExpressionException(text, start + 1, "expected '" + first + second + "' but found a single '" + first + "'");
    }
    pos++;
    return new Token(alone, String.valueOf(first), start, pos);
  }

  private Token string(char quote) {
    int start = pos;
    pos++;
    StringBuilder sb = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == quote) {
        pos++;
        return new Token(Token.Kind.STRING, sb.toString(), start, pos);
      }
      if (c == '\\' && pos + 1 < text.length()) {
        char e = text.charAt(pos + 1);
        switch (e) {
          case 'n': sb.append('\n'); break;
          case 't': sb.append('\t'); break;
          case 'r': sb.append('\r'); break;
          default: sb.append(e); break;
        }
        pos += 2;
        continue;
      }
      sb.append(c);
      pos++;
    }
    throw new ExpressionException(text, start + 1, "unterminated string (missing closing " + quote + ")");
  }

  private Token number() {
    int start = pos;
    if (text.charAt(pos) == '-') {
      pos++;
    }
    while (pos < text.length() && isDigit(text.charAt(pos))) {
      pos++;
    }
    if (pos + 1 < text.length() && text.charAt(pos) == '.' && isDigit(text.charAt(pos + 1))) {
      pos++;
      while (pos < text.length() && isDigit(text.charAt(pos))) {
        pos++;
      }
    }
    if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
      int save = pos;
      pos++;
      if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
        pos++;
      }
      if (pos < text.length() && isDigit(text.charAt(pos))) {
        while (pos < text.length() && isDigit(text.charAt(pos))) {
          pos++;
        }
      } else {
        pos = save;
      }
    }
    if (pos < text.length() && isNameStart(text.charAt(pos))) {
      throw new ExpressionException(text, pos + 1, "unexpected character '" + text.charAt(pos) + "' after number");
    }
    return new Token(Token.Kind.NUMBER, text.substring(start, pos), start, pos);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isNameStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c > 127 && Character.isLetter(c));
  }

  static boolean isNamePart(char c) {
    return isNameStart(c) || isDigit(c) || c == '-' || (c > 127 && Character.isLetterOrDigit(c));
  }
}
