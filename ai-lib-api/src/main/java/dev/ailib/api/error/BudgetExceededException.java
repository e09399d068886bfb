package dev.ailib.api.error;

import dev.ailib.api.Budget;
import java.time.Instant;
import java.util.Objects;

/**
 * A call was refused before it was sent because a client budget ({@link Budget}) is used up for the current window.
 * Standard code E2002 {@code quota_exhausted}. Never retried by the client; waiting until {@link #windowEnd()} (or
 * another client) helps.
 */
public class BudgetExceededException extends AiLibException {
  private static final long serialVersionUID = 1L;

  private final transient Budget budget;
  private final String spent;
  private final Instant windowEnd;

  /**
   * Creates the exception.
   *
   * @param message what was refused and why, with the numbers
   * @param budget the budget that is used up
   * @param spent what was spent in the window, as text ({@code 5.0012 USD}, {@code 100230 tokens})
   * @param windowEnd when the window ends and the budget is available again
   */
  public BudgetExceededException(String message, Budget budget, String spent, Instant windowEnd) {
    super(StandardErrorCode.QUOTA_EXHAUSTED, message);
    this.budget = Objects.requireNonNull(budget, "budget");
    this.spent = Objects.requireNonNull(spent, "spent");
    this.windowEnd = Objects.requireNonNull(windowEnd, "windowEnd");
  }

  /** The budget that is used up. */
  public Budget budget() {
    return budget;
  }

  /** What was spent in the current window, as text. */
  public String spent() {
    return spent;
  }

  /** When the current window ends. */
  public Instant windowEnd() {
    return windowEnd;
  }

  @Override
  public boolean retryable() {
    return false;
  }

  @Override
  public boolean fallbackable() {
    return false;
  }
}
