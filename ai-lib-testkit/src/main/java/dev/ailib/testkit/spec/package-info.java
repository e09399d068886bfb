/**
 * Finding the AI-Protocol specification directory for tests that read it (the cross-runtime compliance suite,
 * tests of the published manifests): {@link dev.ailib.testkit.spec.SpecDirectory} looks it up from the system
 * property {@code ai.protocol.dir} or the environment variable {@code AI_PROTOCOL_DIR}, and
 * {@link dev.ailib.testkit.spec.RequiresSpecDirectory} skips a whole test class with one visible line when it is
 * missing, or fails it when {@code -Dailib.spec.required=true} says a build must not pass by skipping. Needs
 * {@code junit-jupiter-api} on the test class path.
 */
package dev.ailib.testkit.spec;
