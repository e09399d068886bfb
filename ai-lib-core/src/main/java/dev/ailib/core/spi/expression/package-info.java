/**
 * The manifest expression language: JSON paths ({@code $.a.b[0].c}, {@code [*]}) and match expressions
 * ({@code ||}, {@code &&}, parentheses, {@code exists(..)}, {@code ==}, {@code !=}, {@code in [...]}), parsed
 * once at manifest load and evaluated against Jackson trees.
 */
package dev.ailib.core.spi.expression;
