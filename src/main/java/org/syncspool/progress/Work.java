package org.syncspool.progress;

import java.util.Locale;

/** Which long work a {@link Progress} is about. */
public enum Work {
  FULL_SYNC("full sync"),
  REPLAY("replay"),
  SCAN("start-up scan"),
  AUDIT("audit");

  private final String label;

  Work(String label) {
    this.label = label;
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
