package org.syncspool.rsync;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Versions kept on a target ({@code keepVersions}): rsync's {@code --backup} moves what a run
 * overwrites or deletes into {@code .syncspool-versions/YYYY-MM-DD/} (the UTC day of the run)
 * at the top of the target, with its path below the root. Pure: the day is an argument.
 */
public final class Versions {
  /** The folder at the top of the target; excluded from every run, so never synced or deleted. */
  public static final String DIR = ".syncspool-versions";
  private static final long DAY_MILLIS = 86_400_000L;

  private Versions() {}

  /** {@code --backup-dir}'s value for a run on {@code day}, relative to the destination. */
  public static String backupDir(LocalDate day) {
    return DIR + "/" + day;
  }

  /**
   * The day folders a prune keeps on {@code today}: those of the last {@code keepMillis} (whole
   * days, rounded up), today included; older ones are deleted.
   */
  public static List<String> keptDays(LocalDate today, long keepMillis) {
    long days = Math.max(1, (keepMillis + DAY_MILLIS - 1) / DAY_MILLIS);
    List<String> out = new ArrayList<>();
    for (long i = 0; i <= days; i++) {
      out.add(today.minusDays(i).toString());
    }
    return out;
  }
}
