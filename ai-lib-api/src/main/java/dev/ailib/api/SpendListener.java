package dev.ailib.api;

import dev.ailib.api.spi.ClientComponent;

/**
 * Told what each call spent ({@link AiClientBuilder#spendListener(SpendListener)}), for example to add it up per
 * tenant by {@link Spend#tag()}. Called once per call that reported usage, on the thread that ended the call, after
 * the client's budgets have counted it. Must be thread-safe and quick; an exception it throws is logged and ignored.
 */
@FunctionalInterface
public interface SpendListener extends ClientComponent {

  /**
   * A call spent this.
   *
   * @param spend what it spent
   */
  void spent(Spend spend);
}
