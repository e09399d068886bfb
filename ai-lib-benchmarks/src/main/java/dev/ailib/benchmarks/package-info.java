/**
 * Benchmarks of ai-lib beside a raw baseline and the peers (openai-java, langchain4j): JMH benchmarks of the
 * streaming pipeline over recorded streams, and a loopback load driver for per-call overhead, end-to-end
 * streaming throughput and many concurrent streams. Run everything with {@code bench/run}; see BENCHMARKS.md.
 * Not an API: nothing here is published.
 */
package dev.ailib.benchmarks;
