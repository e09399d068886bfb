/** Runnable examples of ai-lib; each uses the embedded FakeProvider unless a real API key is set. */
module dev.ailib.examples {
  requires dev.ailib.api;
  requires dev.ailib.core;
  requires dev.ailib.testkit;
}
