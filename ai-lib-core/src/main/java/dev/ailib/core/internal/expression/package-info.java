/**
 * The manifest expression language: JSON paths ({@code $.a.b[0].c}, {@code [*]}) and match expressions
 * ({@code ||}, {@code &&}, parentheses, {@code exists(..)}, {@code ==}, {@code !=}, {@code in [...]}), evaluated
 * against Jackson trees. Manifest records carry the text; the stream pipeline compiles it once per manifest.
 * Protocol sources check text at load through {@link dev.ailib.core.spi.manifest.ExpressionSyntax}, which
 * {@link dev.ailib.core.internal.expression.StandardExpressionSyntax} implements with this parser, so there is
 * one grammar. Not API.
 */
package dev.ailib.core.internal.expression;
