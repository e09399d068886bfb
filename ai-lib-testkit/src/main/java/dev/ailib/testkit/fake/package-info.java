/**
 * {@link dev.ailib.testkit.fake.FakeProvider}: a local fake LLM server for tests. It speaks the OpenAI
 * chat completions, Anthropic messages and Gemini generateContent wire formats over real HTTP, answers
 * scripted {@link dev.ailib.testkit.fake.Reply replies}, injects faults (delays, stalls, disconnects,
 * malformed frames, slow drips, random failures) and records every request. JDK only.
 */
package dev.ailib.testkit.fake;
