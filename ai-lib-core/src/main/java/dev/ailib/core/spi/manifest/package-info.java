/**
 * Core's model of an AI-Protocol provider manifest (v1 and v2 shapes normalised into one), as immutable records
 * of JDK types: protocol sources produce it, the engine reads it. No YAML or JSON tree leaks into it; free-form
 * values (parameter defaults, literal event fields) are plain Java values (String, Long, Double, Boolean, List,
 * Map).
 *
 * <p><b>Building.</b> Every record has a {@code builder()} (and {@code toBuilder()} where copies are useful).
 * Plugins should build with them: when the protocol gains a field, the record gains a component, which changes its
 * canonical constructor, while builder code keeps compiling. Readers use the record accessors.
 *
 * <p><b>Expressions.</b> The streaming section's match expressions and JSON paths are text, as the manifest wrote
 * them. Core compiles them once per manifest. A source checks them at load with
 * {@link dev.ailib.core.spi.manifest.ExpressionSyntax#standard()} to report a bad one at its own location.
 */
package dev.ailib.core.spi.manifest;
