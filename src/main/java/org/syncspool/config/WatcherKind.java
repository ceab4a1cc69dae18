package org.syncspool.config;

import java.util.Locale;

/**
 * {@code <syncspool watcher="...">} and {@code run --watcher}: which kernel interface watches the
 * roots (docs/configuration.md).
 */
public enum WatcherKind {
  /** fanotify when every root's file system supports it here, else inotify; says which (the
   * default: docs/operations.md, "fanotify"). */
  AUTO,
  /** One inotify watch per directory. */
  INOTIFY,
  /** One fanotify filesystem mark per file system; fails at start where it cannot work. */
  FANOTIFY;

  /** The lower-case name used in the file and on the command line. */
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Returns the kind {@code s} names, or null when it names none. */
  public static WatcherKind parse(String s) {
    for (WatcherKind k : values()) {
      if (k.text().equals(s)) {
        return k;
      }
    }
    return null;
  }
}
