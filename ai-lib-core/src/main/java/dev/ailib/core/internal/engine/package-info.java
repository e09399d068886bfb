/** The engine: resolves the model, encodes, sends through resilience and transport, decodes. */
package dev.ailib.core.internal.engine;
