package org.syncspool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncspool.progress.Progress;
import org.syncspool.progress.Work;

/** The bar redrawn in place on a terminal; plain lines, at most one per 5 s, otherwise. */
class ProgressDisplayTest {
  private static final long S = 1_000_000_000L;
  private final StringWriter text = new StringWriter();
  private final long[] now = {0};

  private ProgressDisplay display(boolean terminal, int width) {
    return new ProgressDisplay(new PrintWriter(text), terminal, width, () -> now[0]);
  }

  private static Progress p(long paths) {
    return new Progress(Work.REPLAY, "r", paths, -1, 4, 0);
  }

  @Test
  void aTerminalGetsOneBarRedrawnInPlaceAndClearedAtTheEnd() {
    ProgressDisplay d = display(true, 80);
    d.show(List.of(p(1)), 0);
    d.show(List.of(p(1)), 0); // unchanged: nothing drawn
    d.say("target r: replay: synced 1 path(s)");
    d.show(List.of(p(4)), 0);
    d.clear();
    String bar1 = "r: replay [#####---------------]  25% 1 of 4 paths";
    String bar4 = "r: replay [####################] 100% 4 of 4 paths";
    assertThat(text.toString()).isEqualTo("\r" + bar1 + "\r" + bar1
        + "\r" + " ".repeat(bar1.length()) + "\r" + "target r: replay: synced 1 path(s)"
        + System.lineSeparator() + bar1
        + "\r" + bar4 + "\r" + bar4
        + "\r" + " ".repeat(bar4.length()) + "\r");
  }

  @Test
  void aNarrowTerminalDropsWholeFields() {
    ProgressDisplay d = display(true, 30);
    d.show(List.of(p(1)), 0);
    assertThat(text.toString()).isEqualTo("\rr: replay\rr: replay");
  }

  @Test
  void plainLinesAtMostEveryFiveSeconds() {
    ProgressDisplay d = display(false, 80);
    d.show(List.of(p(1)), 0);
    now[0] = 4 * S;
    d.show(List.of(p(2)), 0);
    now[0] = 5 * S;
    d.show(List.of(p(3)), 0);
    d.show(List.of(), 0);
    assertThat(text.toString().lines()).containsExactly("target r: replay: 1 of 4 paths",
        "target r: replay: 3 of 4 paths");
  }
}
