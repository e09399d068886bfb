package dev.ailib.core.internal.engine;

import dev.ailib.api.ChatRequest;
import java.util.List;

/**
 * What one call will try: its targets in order (the primary model, then the fallbacks, resolved once per call)
 * and the request checked and encoded for each. The primary target's body is made before the call starts; a
 * fallback's when the call first falls back to it. Not shared between calls; attempts of one call run one after
 * the other.
 */
final class CallPlan {
  private final ChatRequest request;
  private final boolean stream;
  private final List<Target> targets;
  private final Prepared[] prepared;

  CallPlan(ChatRequest request, boolean stream, Prepared first, List<Target> targets) {
    this.request = request;
    this.stream = stream;
    this.targets = targets;
    this.prepared = new Prepared[targets.size()];
    this.prepared[0] = first;
  }

  ChatRequest request() {
    return request;
  }

  boolean stream() {
    return stream;
  }

  /** The primary target. */
  Target first() {
    return prepared[0].target();
  }

  /** The targets, primary first. */
  List<Target> targets() {
    return targets;
  }

  /**
   * The request prepared for a target of this plan (body and the headers of its own), checked and encoded on first
   * use.
   *
   * @param target one of {@link #targets()}
   * @return the prepared request
   * @throws dev.ailib.api.error.ProtocolException when the request does not suit that target's manifest
   */
  Prepared prepared(Target target) {
    for (int i = 0; i < prepared.length; i++) {
      if (targets.get(i) == target) {
        Prepared p = prepared[i];
        if (p == null) {
          p = Prepared.of(request, target, stream);
          prepared[i] = p;
        }
        return p;
      }
    }
    throw new IllegalArgumentException("not a target of this call: " + target);
  }
}
