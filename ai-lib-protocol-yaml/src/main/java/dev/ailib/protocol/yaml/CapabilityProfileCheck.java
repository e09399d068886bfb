package dev.ailib.protocol.yaml;

import java.util.Map;

/**
 * Checks the optional v2 {@code capability_profile} block (schemas/v2/capability-profile.json): a mapping with
 * a known {@code phase}; {@code ios_v1} declares inputs, outcomes or systems and no process or contract;
 * {@code iospc_v1} declares one of inputs/outcomes/systems and one of process/contract. The block is metadata,
 * but a malformed one means a malformed manifest. Other fields are tolerated (forward compatible). Messages
 * carry the schema validator's wording too.
 */
final class CapabilityProfileCheck {

  private CapabilityProfileCheck() {
  }

  static void check(Node profile) {
    if (!profile.present()) {
      return;
    }
    if (!profile.isObject()) {
      throw profile.error("capability_profile must be object (a mapping with 'phase'), found "
          + SafeTreeReader.describe(profile.json()));
    }
    Map<String, Node> fields = profile.entries();
    String phase = profile.requiredText("phase");
    for (String section : new String[] {"inputs", "outcomes", "systems", "process", "contract"}) {
      profile.get(section).requireObject();
    }
    boolean ios = fields.containsKey("inputs") || fields.containsKey("outcomes") || fields.containsKey("systems");
    boolean pc = fields.containsKey("process") || fields.containsKey("contract");
    switch (phase) {
      case "ios_v1":
        if (pc) {
          String extra = fields.containsKey("process") ? "process" : "contract";
          throw profile.get(extra).error("'" + extra + "' is not allowed in phase ios_v1; only inputs, outcomes "
              + "and systems (must NOT have additional properties)");
        }
        if (!ios) {
          throw profile.error("phase ios_v1 needs at least one of inputs, outcomes, systems "
              + "(must match at least one schema in anyOf)");
        }
        return;
      case "iospc_v1":
        if (!pc) {
          throw profile.error("iospc_v1 requires process or contract");
        }
        if (!ios) {
          throw profile.error("phase iospc_v1 needs at least one of inputs, outcomes, systems "
              + "(must match at least one schema in anyOf)");
        }
        return;
      default:
        throw profile.get("phase").error("unknown capability_profile phase '" + phase
            + "'; expected ios_v1 or iospc_v1");
    }
  }
}
