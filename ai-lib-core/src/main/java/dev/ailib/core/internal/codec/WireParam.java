package dev.ailib.core.internal.codec;

import java.util.Objects;

/**
 * One request parameter after checking against the manifest.
 *
 * @param name the protocol name ({@code temperature}, {@code max_tokens}, {@code top_p}, {@code stop}, ...), or the
 *     caller's name for a parameter the manifest does not declare
 * @param wireName the name the manifest says to send, or null when the manifest does not declare the parameter
 *     (the codec then uses its wire format's own name)
 * @param value the value (number, string, boolean, list or map)
 * @param declared whether the manifest declares the parameter or it is one of the request's typed settings
 */
public record WireParam(String name, String wireName, Object value, boolean declared) {
  /** Checks the name is present. */
  public WireParam {
    Objects.requireNonNull(name, "name");
  }
}
