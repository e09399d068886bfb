/**
 * The YAML/JSON protocol source. {@link dev.ailib.protocol.yaml.YamlProtocolSourceProvider} is found by
 * {@link java.util.ServiceLoader}; {@link dev.ailib.protocol.yaml.ManifestLoader} loads one file (used by tools
 * and the compliance runner). Parsing is safe (plain data only, bounded size, depth and aliases) and every
 * error names the file, line, column and field.
 */
package dev.ailib.protocol.yaml;
