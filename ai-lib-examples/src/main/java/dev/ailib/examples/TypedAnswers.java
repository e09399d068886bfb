package dev.ailib.examples;

import dev.ailib.api.AiClient;
import dev.ailib.api.Description;
import dev.ailib.api.StructuredResult;
import dev.ailib.api.StructuredStream;
import dev.ailib.api.ToolRunResult;
import dev.ailib.api.ToolSet;
import dev.ailib.api.Tools;
import dev.ailib.testkit.fake.Reply;
import java.util.List;
import java.util.Optional;

/**
 * Typed answers and tools from Java types: an answer as a record ({@code executeAs}), the same answer growing while
 * it streams ({@code streamAs}), and a tool run whose handlers take records ({@code Tools}, {@code runTools}).
 */
public final class TypedAnswers {
  private TypedAnswers() {
  }

  /** How urgent an order is. */
  public enum Priority {
    /** Whenever. */
    LOW,
    /** Soon. */
    NORMAL,
    /** Now. */
    URGENT
  }

  /**
   * One line of an order.
   *
   * @param product what
   * @param quantity how many
   */
  public record Line(@Description("product name as written") String product, int quantity) {
  }

  /**
   * An order found in a message.
   *
   * @param customer who ordered
   * @param priority how urgent
   * @param lines what they ordered
   * @param note a delivery note, when the message has one
   */
  @Description("An order found in a customer's message")
  public record Order(String customer, Priority priority, List<Line> lines, Optional<String> note) {
  }

  /**
   * The arguments of the stock tool.
   *
   * @param product the product to look up
   */
  @Description("Looks up how many of a product are in stock")
  public record StockQuery(@Description("product name") String product) {
  }

  private static final String MESSAGE = "Hi, this is Ada. Please send 2 fountain pens and a bottle of ink, "
      + "as soon as you can. Leave it with the neighbour.";
  private static final String ORDER = "{\"customer\":\"Ada\",\"priority\":\"URGENT\",\"lines\":[{\"product\":"
      + "\"fountain pen\",\"quantity\":2},{\"product\":\"ink\",\"quantity\":1}],\"note\":\"leave with the neighbour\"}";

  /**
   * Runs the example.
   *
   * @param args optional: the model, such as openai/gpt-5-pro (see ExampleTarget)
   */
  public static void main(String[] args) {
    try (ExampleTarget target = ExampleTarget.open(args,
            Reply.json(ORDER),
            Reply.json(ORDER),
            Reply.toolCalls(Reply.toolCallPart("call_1", "stock_query", "{\"product\":\"fountain pen\"}"),
                Reply.toolCallPart("call_2", "stock_query", "{\"product\":\"ink\"}")),
            Reply.text("Both are in stock: 14 fountain pens and 3 bottles of ink."));
        AiClient client = target.clientBuilder().build()) {
      System.out.println("Talking to " + target.describe());

      StructuredResult<Order> order = client.chat().system("Extract the order from the customer's message.")
          .user(MESSAGE).executeAs(Order.class);
      System.out.println("order: " + order.value());
      System.out.println("asked for as " + order.stats().structuredOutput() + ", " + order.repairs() + " repairs");

      try (StructuredStream<Order> stream = client.chat().system("Extract the order from the customer's message.")
          .user(MESSAGE).streamAs(Order.class)) {
        for (StructuredStream.Partial<Order> partial : stream) {
          System.out.println((partial.complete() ? "final:   " : "partial: ") + partial.json());
        }
      }

      ToolSet stock = Tools.builder().add(StockQuery.class,
          q -> q.product().equals("ink") ? "{\"in_stock\":3}" : "{\"in_stock\":14}").build();
      ToolRunResult run = client.chat().user("Are the items of Ada's order in stock? " + ORDER).toolSets(stock)
          .runTools();
      run.rounds().forEach(r -> r.executions().forEach(e -> System.out.println("tool " + e.call().name()
          + e.call().argumentsJson() + " -> " + e.result().content() + " in " + e.duration().toMillis() + " ms")));
      System.out.println("answer after " + run.rounds().size() + " rounds: " + run.response().content());
    }
  }
}
