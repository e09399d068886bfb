/**
 * Core's model of an AI-Protocol provider manifest (v1 and v2 shapes normalised into one), as immutable
 * records. Protocol sources produce it; the engine reads it. No YAML or JSON tree leaks into it, except
 * where a manifest holds free-form JSON (templates), kept as Jackson nodes.
 */
package dev.ailib.core.spi.manifest;
