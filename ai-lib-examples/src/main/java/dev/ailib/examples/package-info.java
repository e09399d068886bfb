/**
 * Runnable programs: {@link dev.ailib.examples.QuickStart} (the README's main command), basic chat, streaming,
 * a tool-call round trip, the tools of an MCP server ({@link dev.ailib.examples.McpTools}), cancellation and
 * resilience. Each talks to the embedded
 * {@code dev.ailib.testkit.fake.FakeProvider} unless {@code OPENAI_API_KEY} is set.
 */
package dev.ailib.examples;
