package org.syncspool.transfer;

import org.syncspool.batch.PathKey;
import org.syncspool.rsync.FilterRules;
import org.syncspool.rsync.RsyncCommand;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the deletion run ({@link RsyncCommand#deletions}) needs for a set of paths gone on the
 * source: the parent directories to list on stdin and the filter rules. Pure.
 *
 * <p>Rules, first match wins: {@code + /P/NAME} for every gone name; {@code + /A/} for every
 * listed parent and each of its ancestors (so the implied directories on the way are not
 * excluded by an outer rule); then {@code - /P/*} per listed parent, which keeps every other
 * entry of P out of the run: not sent, and protected from {@code --delete}. A parent with more
 * than {@link #MAX_NAMES_PER_DIRECTORY} gone names is reconciled whole instead (no per-name rules
 * and no {@code - /P/*}: its direct entries are brought in line, new ones sent, gone ones
 * deleted), which bounds the rule list; only without a filter, since then nothing in P is
 * excluded from syncing.
 */
public final class DeletionRules {
  /** rsync checks every entry of a listed directory against every rule: keep the list short. */
  public static final int MAX_NAMES_PER_DIRECTORY = 256;

  private final byte[] parents;
  private final byte[] rules;

  private DeletionRules(byte[] parents, byte[] rules) {
    this.parents = parents;
    this.rules = rules;
  }

  /** NUL-separated {@code /P/.} entries for {@code --files-from=-}. */
  public byte[] parents() {
    return parents.clone();
  }

  /** The NUL-separated merge file. */
  public byte[] rules() {
    return rules.clone();
  }

  /**
   * The run for {@code gone}.
   *
   * @param filtered the root has a filter (a whole-directory reconcile could send excluded names)
   */
  public static DeletionRules of(List<PathKey> gone, boolean filtered) {
    Map<PathKey, List<PathKey>> byParent = new TreeMap<>();
    for (PathKey p : outermost(gone)) {
      PathKey parent = p.parent();
      if (!p.isRoot() && parent != null) {
        byParent.computeIfAbsent(parent, k -> new ArrayList<>()).add(p);
      }
    }
    ByteArrayOutputStream rules = new ByteArrayOutputStream();
    ByteArrayOutputStream parents = new ByteArrayOutputStream();
    Set<PathKey> dirs = new LinkedHashSet<>();
    List<PathKey> perName = new ArrayList<>();
    for (Map.Entry<PathKey, List<PathKey>> e : byParent.entrySet()) {
      PathKey parent = e.getKey();
      boolean whole = !filtered && e.getValue().size() > MAX_NAMES_PER_DIRECTORY;
      if (!whole) {
        perName.add(parent);
        for (PathKey p : e.getValue()) {
          add(rules, FilterRules.rule('+', p.bytes(), ""));
        }
      }
      for (PathKey a = parent; a != null && !a.isRoot(); a = a.parent()) {
        dirs.add(a);
      }
      parents.writeBytes(parent.isRoot() ? new byte[] {'/', '.'} : dotted(parent.bytes()));
      parents.write(0);
    }
    for (PathKey d : dirs) {
      add(rules, FilterRules.rule('+', d.bytes(), "/"));
    }
    for (PathKey parent : perName) {
      add(rules, FilterRules.rule('-', parent.bytes(), "/*"));
    }
    return new DeletionRules(parents.toByteArray(), rules.toByteArray());
  }

  /**
   * The gone paths not inside another gone path: deleting a directory deletes what is in it, and
   * a "- /P/*" rule for a directory inside it would protect P's other entries and so keep the
   * directory from being deleted (ReplicationIT.deleteDirectoryTree with rsync 3.2.7).
   */
  static List<PathKey> outermost(List<PathKey> gone) {
    List<PathKey> sorted = new ArrayList<>(new java.util.TreeSet<>(gone));
    List<PathKey> out = new ArrayList<>();
    for (PathKey p : sorted) {
      // sorted by bytes, a directory comes before what is inside it, but "a-b" may come between
      // "a" and "a/x": check against every kept path that is a prefix, not only the last one
      boolean inside = false;
      for (PathKey a = p.parent(); a != null && !a.isRoot() && !inside; a = a.parent()) {
        inside = java.util.Collections.binarySearch(out, a) >= 0;
      }
      if (!inside && !p.isRoot()) {
        out.add(p);
      }
    }
    return out;
  }

  public boolean isEmpty() {
    return parents.length == 0;
  }

  private static void add(ByteArrayOutputStream out, byte[] rule) {
    out.writeBytes(rule);
    out.write(0);
  }

  /** {@code /P/.}: the leading slash keeps a name starting with # or ; from being a comment. */
  private static byte[] dotted(byte[] p) {
    byte[] r = new byte[p.length + 3];
    r[0] = '/';
    System.arraycopy(p, 0, r, 1, p.length);
    r[p.length + 1] = '/';
    r[p.length + 2] = '.';
    return r;
  }
}
