package dev.ailib.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/**
 * One case document of a case file.
 *
 * @param file the case file relative to the cases directory, such as {@code 04-streaming/sse-decode.yaml}
 * @param id the case id (ids repeat across files)
 * @param name the case name
 * @param caseFile the case file
 * @param complianceDir {@code tests/compliance}
 * @param protocolDir the AI-Protocol root
 * @param setup the setup block (maybe missing)
 * @param input the input block
 * @param expected the expected block
 */
record ComplianceCase(String file, String id, String name, Path caseFile, Path complianceDir, Path protocolDir,
    JsonNode setup, JsonNode input, JsonNode expected) {

  /** The input type. */
  String type() {
    return input.path("type").asText("<missing type>");
  }

  /** The display name: file and id. */
  String displayName() {
    return file + "#" + id;
  }

  /**
   * Resolves a manifest path of a case: {@code fixtures/...} is relative to {@code tests/compliance}, a path
   * starting with {@code ..} is relative to the case file, anything else relative to the protocol root.
   */
  Path resolve(String path) {
    if (path.startsWith("fixtures/")) {
      return complianceDir.resolve(path).normalize();
    }
    if (path.startsWith("..")) {
      return caseFile.getParent().resolve(path).normalize();
    }
    return protocolDir.resolve(path).normalize();
  }

  /** The setup manifest (setup.manifest_path, else input.manifest_path), or null. */
  Path manifestPath() {
    String p = setup.path("manifest_path").asText(null);
    if (p == null) {
      p = input.path("manifest_path").asText(null);
    }
    return p == null ? null : resolve(p);
  }
}
