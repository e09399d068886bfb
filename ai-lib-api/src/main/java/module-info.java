/**
 * The public API of ai-lib: {@link dev.ailib.api.AiClient} and the values it takes and returns.
 * Depends on the JDK only; the engine is found at run time through {@link dev.ailib.api.spi.ClientEngineProvider}.
 */
module dev.ailib.api {
  exports dev.ailib.api;
  exports dev.ailib.api.error;
  exports dev.ailib.api.spi;

  uses dev.ailib.api.spi.ClientEngineProvider;
  uses dev.ailib.api.spi.JsonBinder;
}
