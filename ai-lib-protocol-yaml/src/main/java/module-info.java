/**
 * Loads AI-Protocol v1 and v2 provider manifests (YAML and JSON) into core's manifest model: from the
 * builder's protocol directory, {@code AI_PROTOCOL_PATH}, and the set bundled in this jar.
 */
module dev.ailib.protocol.yaml {
  requires dev.ailib.core;
  requires com.fasterxml.jackson.databind; // the parsed tree a manifest is mapped from; not exposed
  requires com.fasterxml.jackson.dataformat.yaml;
  requires org.yaml.snakeyaml;

  exports dev.ailib.protocol.yaml;

  provides dev.ailib.core.spi.protocol.ProtocolSourceProvider with dev.ailib.protocol.yaml.YamlProtocolSourceProvider;
}
