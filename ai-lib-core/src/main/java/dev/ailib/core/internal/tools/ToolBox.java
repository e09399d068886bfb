package dev.ailib.core.internal.tools;

import dev.ailib.api.ToolDefinition;
import dev.ailib.api.ToolSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tools of one run: the request's own definitions and every tool set's, each name once, with its set. */
final class ToolBox {
  private final List<ToolDefinition> definitions;
  private final Map<String, ToolSet> owners;

  private ToolBox(List<ToolDefinition> definitions, Map<String, ToolSet> owners) {
    this.definitions = List.copyOf(definitions);
    this.owners = Map.copyOf(owners);
  }

  /**
   * Collects the tools.
   *
   * @param requestTools tools the request offers itself (no code runs them: a call of one gets an error result)
   * @param sets the tool sets
   * @return the tools
   * @throws IllegalArgumentException when a name appears twice
   */
  static ToolBox of(List<ToolDefinition> requestTools, List<ToolSet> sets) {
    List<ToolDefinition> all = new ArrayList<>(requestTools);
    Map<String, String> where = new LinkedHashMap<>();
    for (ToolDefinition d : requestTools) {
      where.put(d.name(), "the request's tools");
    }
    Map<String, ToolSet> owners = new LinkedHashMap<>();
    for (ToolSet set : sets) {
      List<ToolDefinition> defs = set.definitions();
      for (ToolDefinition d : defs) {
        String before = where.putIfAbsent(d.name(), "tool set " + set);
        if (before != null) {
          throw new IllegalArgumentException("tool '" + d.name() + "' is defined twice, by " + before + " and by tool "
              + "set " + set + "; tool names must be unique within a run");
        }
        all.add(d);
        owners.put(d.name(), set);
      }
    }
    return new ToolBox(all, owners);
  }

  List<ToolDefinition> definitions() {
    return definitions;
  }

  /** The set that runs a tool, or null when none does. */
  ToolSet owner(String name) {
    return owners.get(name);
  }

  java.util.Set<String> runnable() {
    return owners.keySet();
  }
}
