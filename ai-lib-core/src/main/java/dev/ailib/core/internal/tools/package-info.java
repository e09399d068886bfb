/**
 * The tool runner: the model's tool calls run against {@link dev.ailib.api.ToolSet}s (parallel calls of a round
 * concurrently, bounded, each with its timeout and cancellation), results go back with their call ids, round after
 * round until the final answer or the round limit, in an execute and a streamed form.
 */
package dev.ailib.core.internal.tools;
