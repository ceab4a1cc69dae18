package org.syncspool.cli;

import java.io.PrintWriter;
import java.util.List;
import org.syncspool.progress.Progress;
import org.syncspool.progress.ProgressText;
import org.syncspool.time.Ticker;

/**
 * How {@code full-sync --wait} and {@code replay} show progress: on a terminal, one bar line
 * redrawn in place ('\r', as wide as the terminal: progress.ProgressText#bar drops whole fields
 * to fit); otherwise plain lines ({@link ProgressText#line}), at most one per
 * {@link #PLAIN_EVERY_MILLIS} per work, so a log file or a pipe is not flooded. Other lines
 * ({@link #say}) clear the bar first and redraw it after.
 */
final class ProgressDisplay {
  static final long PLAIN_EVERY_MILLIS = 5_000;

  private final PrintWriter out;
  private final boolean terminal;
  private final int width;
  private final Ticker ticker;
  private String drawn = "";
  private long lastPlain = Long.MIN_VALUE;

  ProgressDisplay(PrintWriter out, boolean terminal, int width, Ticker ticker) {
    this.out = out;
    this.terminal = terminal;
    this.width = Math.max(20, width);
    this.ticker = ticker;
  }

  /**
   * For this process: a bar when stdout is a terminal, its width from {@code $COLUMNS}. On the
   * Java 17 the packages require, {@code System.console()} is null unless stdin and stdout are
   * a terminal (JDK 22 changed that; there {@code Console.isTerminal()} would be the test).
   */
  @SuppressWarnings("SystemConsoleNull")
  static ProgressDisplay forConsole(PrintWriter out) {
    boolean terminal = System.console() != null;
    int width = 80;
    String cols = System.getenv("COLUMNS"); // shells set it but seldom export it
    if (cols != null && cols.matches("[0-9]{1,4}")) {
      width = Integer.parseInt(cols);
    } else if (terminal) {
      width = ttyColumns(width);
    }
    return new ProgressDisplay(out, terminal, width, Ticker.SYSTEM);
  }

  /** {@code stty size} on the terminal (argv, no shell): "ROWS COLS"; {@code or} if unreadable. */
  private static int ttyColumns(int or) {
    try {
      Process p = new ProcessBuilder("stty", "size")
          .redirectInput(new java.io.File("/dev/tty"))
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String size = new String(p.getInputStream().readAllBytes(),
          java.nio.charset.StandardCharsets.US_ASCII).trim();
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("[0-9]+ ([0-9]{1,4})")
          .matcher(size);
      if (p.waitFor() == 0 && m.matches()) {
        return Integer.parseInt(m.group(1));
      }
    } catch (java.io.IOException e) {
      // no stty, or no terminal after all: the default width
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return or;
  }

  /** Shows the work running now ({@code now} on the same ticker as the values' starts). */
  synchronized void show(List<Progress> running, long now) {
    if (terminal) {
      String s = running.isEmpty() ? "" : ProgressText.bar(running.get(0), now, width - 1);
      if (!s.equals(drawn)) {
        out.print("\r" + s + " ".repeat(Math.max(0, drawn.length() - s.length())) + "\r" + s);
        drawn = s;
        out.flush();
      }
      return;
    }
    long t = ticker.nanos();
    if (running.isEmpty() || (lastPlain != Long.MIN_VALUE
        && t - lastPlain < PLAIN_EVERY_MILLIS * 1_000_000)) {
      return;
    }
    lastPlain = t;
    for (Progress p : running) {
      out.println(ProgressText.line(p, now));
    }
    out.flush();
  }

  /** A line of its own, above the bar. */
  synchronized void say(String line) {
    String bar = drawn;
    clear();
    out.println(line);
    if (terminal && !bar.isEmpty()) {
      out.print(bar);
      drawn = bar;
    }
    out.flush();
  }

  /** Removes the bar (before the command's last lines). */
  synchronized void clear() {
    if (terminal && !drawn.isEmpty()) {
      out.print("\r" + " ".repeat(drawn.length()) + "\r");
      drawn = "";
      out.flush();
    }
  }
}
