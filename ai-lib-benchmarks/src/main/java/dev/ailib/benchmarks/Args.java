package dev.ailib.benchmarks;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} command-line arguments, with clear errors for bad ones. */
final class Args {
  private final Map<String, String> values = new HashMap<>();

  Args(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("arguments must be '--name value' pairs; bad argument " + (i + 1) + ": '"
            + args[i] + "'");
      }
      values.put(args[i], args[++i]);
    }
  }

  String text(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  String required(String name) {
    String v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("missing argument " + name);
    }
    return v;
  }

  int integer(String name, int fallback) {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("argument " + name + " must be an integer, was '" + v + "'", e);
    }
  }
}
