package dev.ailib.compliance;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the library produced for a case, rendered in the case's vocabulary.
 *
 * @param actual the values, keyed like the case's {@code expected} block
 * @param diagnostic the library's message (an error message or a safe description), for the diagnostic
 *     assertions; never contains a secret unless the library leaked it
 */
record Outcome(ObjectNode actual, String diagnostic) {
}
