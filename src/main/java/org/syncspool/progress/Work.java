package org.syncspool.progress;

import java.util.Locale;

/** Which long work a {@link Progress} is about. */
public enum Work {
  FULL_SYNC("full sync", "paths"),
  REPLAY("replay", "paths"),
  SCAN("start-up scan", "paths"),
  /**
   * Counts the differences found so far, not paths checked: rsync's dry run prints a line only
   * for a path that differs, and making it print every path ({@code --info=name2}) cost 23% more
   * rsync time on 100k files (hyperfine, 694 vs 850 ms), against an audit that should cost no
   * more than rsync's own dry run (docs/performance.md, verify).
   */
  AUDIT("audit", "differences");

  private final String label;
  private final String noun;

  Work(String label, String noun) {
    this.label = label;
    this.noun = noun;
  }

  /** What {@link Progress#paths()} counts, for the text: {@code paths}, {@code differences}. */
  public String noun() {
    return noun;
  }

  /** For log lines and the page: {@code full sync}. */
  public String label() {
    return label;
  }

  /** For JSON and metric labels: {@code full_sync}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
