package org.syncspool.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.syncspool.rsync.FilterRules;

/**
 * How an audit shares one root out over parallel dry runs. Pure; the directory listing is the
 * seam ({@link Dirs}).
 *
 * <p>rsync's dry run walks the source and the target one entry at a time, on about one core
 * (on 100k files: 0.69 s wall for 0.64 s of CPU, rsync 3.5.0); two runs over halves of the tree
 * took 0.34 s together (docs/performance.md, verify). Each run gets, first in its argv, rules
 * that hide ({@code H}) and protect ({@code P}) the content of the directories other runs own, so
 * it neither lists them on the source nor reports them as extra on the target, whatever
 * {@code --delete-excluded} says. The rest (the root's files, directories not shared out, the
 * shared directories themselves) every run compares, and the caller folds the duplicates.
 * Invariant: a path is hidden from a run only inside a directory that exactly one other run
 * owns, so every path is compared at least once, by the same rules as a single run (the user's
 * filter comes after ours and decides alone wherever ours do not match).
 */
public final class Partition {
  /** Above this many directories at a level, one run: each rule costs every path a match. */
  static final int MAX_DIRS = 64;
  static final int MAX_DEPTH = 3;

  /** The subdirectories of a directory relative to the root ("" is the root), sorted. */
  public interface Dirs {
    List<String> of(String relative) throws IOException;
  }

  private Partition() {
  }

  /**
   * The directories to share out over {@code parts} runs: those of the shallowest level (down
   * to {@link #MAX_DEPTH}) with at least twice {@code parts} of them, else of the level with
   * the most, looking no deeper than a level with none or too many. Empty (one run) when
   * there are fewer than two.
   * Only names that pass {@link #plain} are shared out; others stay in every run.
   */
  public static List<String> choose(Dirs dirs, int parts) throws IOException {
    if (parts < 2) {
      return List.of();
    }
    List<String> level = List.of("");
    List<String> best = List.of();
    for (int depth = 1; depth <= MAX_DEPTH; depth++) {
      List<String> next = new ArrayList<>();
      for (String d : level) {
        for (String name : dirs.of(d)) {
          if (plain(name)) {
            next.add(d.isEmpty() ? name : d + "/" + name);
          }
        }
      }
      if (next.isEmpty() || next.size() > MAX_DIRS) {
        break;
      }
      if (next.size() > best.size()) {
        best = next;
      }
      if (next.size() >= 2 * parts) {
        break;
      }
      level = next;
    }
    return best.size() < 2 ? List.of() : best;
  }

  /**
   * The extra argv of each run: {@code dirs} in contiguous shares, in order; run i hides and
   * protects the content of the directories the others own. One empty list when there is
   * nothing to share.
   */
  public static List<List<String>> rules(List<String> dirs, int parts) {
    int k = Math.min(parts, dirs.size());
    if (k < 2) {
      return List.of(List.of());
    }
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      int from = i * dirs.size() / k;
      int to = (i + 1) * dirs.size() / k;
      List<String> argv = new ArrayList<>();
      for (int j = 0; j < dirs.size(); j++) {
        if (j < from || j >= to) {
          byte[] path = dirs.get(j).getBytes(StandardCharsets.US_ASCII);
          for (char sign : new char[] {'H', 'P'}) {
            argv.add("--filter=" + new String(FilterRules.rule(sign, path, "/*"),
                StandardCharsets.US_ASCII));
          }
        }
      }
      out.add(argv);
    }
    return out;
  }

  /**
   * A name that goes into a command-line rule unchanged whatever the JVM's file name encoding
   * (a service often runs without a UTF-8 locale): printable ASCII, no space at either end.
   */
  static boolean plain(String name) {
    if (name.isEmpty() || name.charAt(0) == ' ' || name.charAt(name.length() - 1) == ' ') {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }
}
