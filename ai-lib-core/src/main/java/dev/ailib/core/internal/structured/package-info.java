/**
 * Typed answers: JSON schemas generated from Java types (victools jsonschema-generator), the mechanism each
 * provider's manifest asks for ({@link dev.ailib.core.internal.structured.StructuredModes}), the request adapted to
 * it per target ({@link dev.ailib.core.internal.structured.StructuredEncoding}), answers checked against the schema
 * (networknt json-schema-validator) and bound (Jackson), one repair request, and partial values while an answer
 * streams ({@link dev.ailib.core.internal.structured.PartialJson}).
 */
package dev.ailib.core.internal.structured;
