package dev.ailib.core.internal.cost;

import dev.ailib.api.Budget;
import dev.ailib.api.Cost;
import dev.ailib.api.Spend;
import dev.ailib.api.SpendListener;
import dev.ailib.api.Usage;
import dev.ailib.api.error.BudgetExceededException;
import dev.ailib.core.spi.Clock;
import dev.ailib.core.spi.manifest.ModelSpec;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A client's budgets and spend listeners. {@link #check} runs before a call is sent and refuses it when a budget is
 * used up in the current window (or, for a cost budget, when a model of the call has no prices to count its cost
 * by); {@link #record} adds what a call spent when it ends and tells the listeners. Windows are fixed intervals from
 * the epoch on the client's clock. Thread-safe; a client without budgets or listeners does no work here.
 */
public final class Spending {
  private static final Logger LOG = System.getLogger(Spending.class.getName());

  private final List<Window> windows;
  private final List<SpendListener> listeners;
  private final Clock clock;

  /**
   * The spending of one client.
   *
   * @param budgets the client's budgets
   * @param listeners the client's spend listeners
   * @param clock the client's clock
   */
  public Spending(List<Budget> budgets, List<SpendListener> listeners, Clock clock) {
    this.windows = budgets.stream().map(Window::new).toList();
    this.listeners = List.copyOf(listeners);
    this.clock = clock;
  }

  /** Whether there is nothing to enforce or tell. */
  public boolean inactive() {
    return windows.isEmpty() && listeners.isEmpty();
  }

  /**
   * Refuses a call before it is sent when a budget is used up, or a cost budget cannot count one of its models.
   *
   * @param models the call's models, as {@code provider/model} with their metadata (primary first)
   * @param inputOnly whether the operation bills input tokens only (embeddings, rerank): then a cost budget needs the
   *     models' input price, else (chat) their input and output prices
   * @throws BudgetExceededException when a budget is used up for the current window
   * @throws dev.ailib.api.error.ProtocolException when a cost budget meets a model without prices
   */
  public void check(List<Priced> models, boolean inputOnly) {
    if (windows.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    for (Window w : windows) {
      if (w.budget.kind() == Budget.Kind.COST) {
        for (Priced m : models) {
          requirePrices(w.budget, m, inputOnly);
        }
      }
      w.check(now);
    }
  }

  private static void requirePrices(Budget budget, Priced m, boolean inputOnly) {
    ModelSpec spec = m.spec();
    if (spec == null || spec.pricing() == null || spec.pricing().base().inputPer1m() == null
        || (!inputOnly && spec.pricing().base().outputPer1m() == null)) {
      throw new dev.ailib.api.error.ProtocolException("the client's cost budget (" + budget.describe() + ") cannot "
          + "count calls to " + m.name() + ": " + (spec == null ? "the model is not listed in"
          : inputOnly ? "no input price for it in" : "no input and output price for it in") + " its manifest ("
          + m.source() + "); add its pricing to the manifest or use a token budget; the request was not sent");
    }
    if (!spec.pricing().currency().equals(budget.currency())) {
      throw new dev.ailib.api.error.ProtocolException("the client's cost budget is in " + budget.currency()
          + " but the prices of " + m.name() + " (manifest " + m.source() + ") are in " + spec.pricing().currency()
          + "; the request was not sent");
    }
  }

  /**
   * Adds what a call spent and tells the listeners.
   *
   * @param tag the request's tag, or null
   * @param provider the serving provider
   * @param model the serving model
   * @param usage the reported usage
   * @param cost the call's cost
   * @param spec the serving model's metadata (for a cost budget's bound of an unknown cost), or null
   * @param completed whether the call completed
   */
  public void record(String tag, String provider, String model, Usage usage, Cost cost, ModelSpec spec,
      boolean completed) {
    if (inactive() || usage == null || Usage.EMPTY.equals(usage)) {
      return;
    }
    Instant now = clock.instant();
    for (Window w : windows) {
      w.add(now, usage, cost, spec);
    }
    if (listeners.isEmpty()) {
      return;
    }
    Spend spend = new Spend(tag, provider, model, usage, cost, now, completed);
    for (SpendListener l : listeners) {
      try {
        l.spent(spend);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "spend listener " + l.getClass().getName() + " failed (ignored): "
            + e.getClass().getName());
      }
    }
  }

  /**
   * A model of a call with its metadata.
   *
   * @param name {@code provider/model}
   * @param spec the metadata, or null when the manifest does not list it
   * @param source the manifest's source
   */
  public record Priced(String name, ModelSpec spec, String source) {
  }

  /** One budget's current window. */
  private static final class Window {
    private final Budget budget;
    private final long windowMillis;
    private long index = Long.MIN_VALUE;
    private BigDecimal spentCost = BigDecimal.ZERO;
    private long spentTokens;

    Window(Budget budget) {
      this.budget = budget;
      this.windowMillis = budget.window().toMillis();
    }

    private void roll(Instant now) {
      long i = Math.floorDiv(now.toEpochMilli(), windowMillis);
      if (i != index) {
        index = i;
        spentCost = BigDecimal.ZERO;
        spentTokens = 0;
      }
    }

    synchronized void check(Instant now) {
      roll(now);
      boolean used = budget.kind() == Budget.Kind.COST ? spentCost.compareTo(budget.maxCost()) >= 0
          : spentTokens >= budget.maxTokens();
      if (used) {
        String spent = budget.kind() == Budget.Kind.COST
            ? spentCost.stripTrailingZeros().toPlainString() + " " + budget.currency()
            : spentTokens + " tokens";
        Instant end = Instant.ofEpochMilli(Math.multiplyExact(index + 1, windowMillis));
        throw new BudgetExceededException("the client's budget of " + budget.describe() + " is used up: " + spent
            + " spent in the window that ends " + end + "; the request was not sent", budget, spent, end);
      }
    }

    /**
     * A token budget counts all tokens; a cost budget the known cost, else ({@link Costs#upperBound}: cache tokens
     * without a cache price) a bound above it, so that the budget is never undercounted.
     */
    synchronized void add(Instant now, Usage usage, Cost cost, ModelSpec spec) {
      roll(now);
      if (budget.kind() == Budget.Kind.TOKENS) {
        spentTokens += usage.totalTokens();
        return;
      }
      BigDecimal charge = cost.known() && budget.currency().equals(cost.currency()) ? cost.total()
          : Costs.upperBound(usage, spec);
      if (charge == null) {
        LOG.log(Level.WARNING, "a call's cost could not be counted against the budget " + budget.describe() + ": "
            + cost);
        return;
      }
      spentCost = spentCost.add(charge);
    }
  }
}
