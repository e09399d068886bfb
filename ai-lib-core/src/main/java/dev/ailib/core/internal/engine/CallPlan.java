package dev.ailib.core.internal.engine;

import java.util.List;
import java.util.function.BiFunction;

/**
 * What one call (or, for a call sent in batches, one batch) will try: its targets in order (the primary model, then
 * the fallbacks, resolved once per call) and the request checked and encoded for each. The primary target's body is
 * made before the call starts; a fallback's when the call first falls back to it. Not shared between calls; attempts
 * of one call run one after the other.
 *
 * @param <Q> the operation's request
 */
final class CallPlan<Q> {
  private final Q request;
  private final List<Target> targets;
  private final BiFunction<Q, Target, Prepared> prepare;
  private final Prepared[] prepared;

  /**
   * A plan.
   *
   * @param request the request
   * @param prepare checks and encodes the request for a target (the operation's)
   * @param first the request prepared for the primary target
   * @param targets the targets, primary first
   */
  CallPlan(Q request, BiFunction<Q, Target, Prepared> prepare, Prepared first, List<Target> targets) {
    this.request = request;
    this.prepare = prepare;
    this.targets = targets;
    this.prepared = new Prepared[targets.size()];
    this.prepared[0] = first;
  }

  Q request() {
    return request;
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
   * The request prepared for a target of this plan (body, template and the headers of its own), checked and encoded
   * on first use.
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
          p = prepare.apply(request, target);
          prepared[i] = p;
        }
        return p;
      }
    }
    throw new IllegalArgumentException("not a target of this call: " + target);
  }
}
