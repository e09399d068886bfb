/**
 * An application module that uses ai-lib the way a JPMS application does: it requires the API (through the
 * testkit, which requires core transitively) and nothing else; the transports and the manifest loader are bound as
 * services from the module path.
 */
module dev.ailib.modulepath {
  requires dev.ailib.testkit;
}
