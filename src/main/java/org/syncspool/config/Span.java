package org.syncspool.config;

/**
 * A length of time as written in the config and on the command line: a whole number and a unit,
 * {@code ms}, {@code s}, {@code m}, {@code h} or {@code d} ({@code 500ms}, {@code 10s},
 * {@code 2h}, {@code 30d}). Pure.
 */
public final class Span {
  /** For messages: what is accepted. */
  public static final String FORMS = "a whole number and a unit: 500ms, 10s, 15m, 2h, 30d";

  private Span() {}

  /** The milliseconds {@code text} stands for, or -1 when it is not a span (or overflows). */
  public static long millis(String text) {
    if (text == null || !text.matches("[0-9]{1,12}(ms|s|m|h|d)")) {
      return -1;
    }
    int digits = text.length() - (text.endsWith("ms") ? 2 : 1);
    long n = Long.parseLong(text.substring(0, digits));
    long unit = switch (text.substring(digits)) {
      case "ms" -> 1L;
      case "s" -> 1000L;
      case "m" -> 60_000L;
      case "h" -> 3_600_000L;
      default -> 86_400_000L;
    };
    try {
      return Math.multiplyExact(n, unit);
    } catch (ArithmeticException e) {
      return -1;
    }
  }

  /** The shortest exact form of {@code millis} ({@code 90000} is {@code 90s}, not 1.5m). */
  public static String format(long millis) {
    long[] units = {86_400_000L, 3_600_000L, 60_000L, 1000L};
    String[] names = {"d", "h", "m", "s"};
    for (int i = 0; i < units.length; i++) {
      if (millis != 0 && millis % units[i] == 0) {
        return millis / units[i] + names[i];
      }
    }
    return millis + "ms";
  }
}
