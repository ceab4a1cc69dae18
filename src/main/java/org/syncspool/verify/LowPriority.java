package org.syncspool.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The scheduled audit's rsync at the lowest CPU and I/O priority, through argv (no shell):
 * {@code nice -n 19 ionice -c 3 rsync ...} (ionice's idle class: disk time only when nobody
 * else wants it, so the workers' batches go first). Pure.
 */
public final class LowPriority {
  private LowPriority() {}

  /**
   * Wraps an argv so that it runs at low CPU and I/O priority (nice, ionice).
   *
   * @param ionice false where util-linux's ionice is not installed: nice alone
   */
  public static UnaryOperator<List<String>> wrap(boolean ionice) {
    return argv -> {
      List<String> out = new ArrayList<>(List.of("nice", "-n", "19"));
      if (ionice) {
        out.addAll(List.of("ionice", "-c", "3"));
      }
      out.addAll(argv);
      return out;
    };
  }
}
