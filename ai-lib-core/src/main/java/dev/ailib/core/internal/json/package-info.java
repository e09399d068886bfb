/**
 * The one configured Jackson {@link com.fasterxml.jackson.databind.ObjectMapper} of the engine, with its read
 * constraints: every request body core writes and every provider answer, stream frame, tool-argument text and
 * bundled resource it reads goes through {@link dev.ailib.core.internal.json.CoreJson}.
 */
package dev.ailib.core.internal.json;
