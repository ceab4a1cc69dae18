package org.syncspool.config;

import java.util.List;

/**
 * sersync's {@code <crontab start schedule>}: a periodic full sync every {@code scheduleMinutes};
 * {@code excludes} are {@code <crontabfilter>} rsync glob patterns (not regexes, as in sersync).
 */
public record Crontab(boolean enabled, int scheduleMinutes, List<String> excludes) {
  public Crontab {
    excludes = List.copyOf(excludes);
  }

  public static final Crontab OFF = new Crontab(false, 600, List.of());
}
