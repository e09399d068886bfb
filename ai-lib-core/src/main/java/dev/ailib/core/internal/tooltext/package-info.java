/**
 * Text tool calls: tool calls written as markup in a model's text ({@code <tool_call>{...}</tool_call>} and the
 * dialects the AI-Protocol text-tool-call format lists), for models without native tool calling. Internal.
 */
package dev.ailib.core.internal.tooltext;
