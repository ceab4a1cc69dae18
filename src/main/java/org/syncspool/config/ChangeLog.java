package org.syncspool.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Our {@code <syncspool><changeLog path timeFormat/>}: a file with one line per replicated path
 * and target, written after each batch's outcome is known. Absent from {@link Config} (null)
 * when off, the default.
 *
 * @param path       absolute; created (and its parent directories) at start
 * @param timeFormat strftime-style, tokens {@code %Y %m %d %H %M %S %%} only (checked at load)
 */
public record ChangeLog(Path path, String timeFormat) {
  /** Sortable, and what most inotifywait recipes pass to {@code --timefmt}. */
  public static final String DEFAULT_TIME_FORMAT = "%Y-%m-%d %H:%M:%S";

  public ChangeLog {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(timeFormat, "timeFormat");
  }
}
