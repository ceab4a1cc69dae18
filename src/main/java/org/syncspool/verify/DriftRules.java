package org.syncspool.verify;

import java.util.EnumSet;
import java.util.Set;

/**
 * rsync's itemize flags ({@code YXcstpoguax}, rsync(1) --itemize-changes) to kinds of drift.
 * Pure; one test per cell in DriftRulesTest.
 * <pre>
 *   flags                      kinds
 *   *deleting                  EXTRA
 *   any type, +++++++++        MISSING (TYPE when the target has the path: {@link DriftSet})
 *   f, c                       CONTENT (--checksum: other bytes)
 *   f, s or t                  SIZE_TIME, also beside CONTENT: each kind is one of rsync's
 *                              columns, so a longer file under --checksum ({@code >fcs.......})
 *                              is CONTENT and SIZE_TIME, and --checksum's findings are a
 *                              superset of the quick check's ({@code >f.s.......})
 *   f, Y = '&gt;' '&lt;' 'h'   SIZE_TIME when nothing else is flagged (-I, --size-only, -H)
 *   L/D/S, t                   SIZE_TIME (mtime differs)
 *   d, t                       nothing: a directory's mtime moves with every change inside
 *                              it, drift already reported by path, and batches do not resend
 *                              parent directories, so it would never come clean
 *   L, c                       SYMLINK
 *   D/S, c                     CONTENT (device numbers)
 *   p, a, x                    MODE
 *   o, g                       OWNER
 *   T, u/n/b                   nothing: time set to "now" (no -t), access or create times
 * </pre>
 * Several kinds per line are possible (content and mode both differ).
 */
public final class DriftRules {
  private DriftRules() {}

  public static Set<DriftKind> kinds(ItemizedLine line) {
    return kinds(line.flags());
  }

  static Set<DriftKind> kinds(String flags) {
    Set<DriftKind> k = EnumSet.noneOf(DriftKind.class);
    if (flags.startsWith("*deleting")) {
      k.add(DriftKind.EXTRA);
      return k;
    }
    if (flags.length() < 11) {
      return k;
    }
    char y = flags.charAt(0);
    char type = flags.charAt(1);
    if (flags.substring(2).chars().allMatch(c -> c == '+')) {
      k.add(DriftKind.MISSING);
      return k;
    }
    char c = flags.charAt(2);
    char s = flags.charAt(3);
    char t = flags.charAt(4);
    boolean transfer = y == '>' || y == '<' || y == 'h';
    switch (type) {
      case 'f' -> {
        if (c == 'c') {
          k.add(DriftKind.CONTENT);
        }
        if (s == 's' || t == 't' || (transfer && c != 'c')) {
          k.add(DriftKind.SIZE_TIME);
        }
      }
      case 'L' -> {
        if (c == 'c') {
          k.add(DriftKind.SYMLINK);
        } else if (t == 't') {
          k.add(DriftKind.SIZE_TIME);
        }
      }
      case 'D', 'S' -> {
        if (c == 'c') {
          k.add(DriftKind.CONTENT);
        } else if (t == 't') {
          k.add(DriftKind.SIZE_TIME);
        }
      }
      default -> { } // 'd': its time is no drift (above); its mode and owner are
    }
    if (flags.charAt(5) == 'p' || flags.charAt(9) == 'a' || flags.charAt(10) == 'x') {
      k.add(DriftKind.MODE);
    }
    if (flags.charAt(6) == 'o' || flags.charAt(7) == 'g') {
      k.add(DriftKind.OWNER);
    }
    return k;
  }
}
