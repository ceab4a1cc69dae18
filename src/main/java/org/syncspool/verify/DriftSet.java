package org.syncspool.verify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.syncspool.batch.PathKey;

/**
 * One target's drift, folded from rsync's itemized lines. Pure. In rsync's order (the tree's),
 * so the first paths of a kind are the first an operator would meet.
 *
 * <p>Folding, so that each difference is reported once, at its top:
 * <ul>
 *   <li>a path below a missing directory, or below an extra one, is part of it;
 *   <li>a dry run cannot tell "missing" from "the target has something else there" (it prints
 *       both as new), so the missing paths at the top of their subtree are {@link
 *       #typeCandidates()}: the caller asks the target which of them it has, and {@link
 *       #resolveTypes} turns those into TYPE, folding the deletions rsync listed inside them
 *       (the content of a directory that a file replaces).
 * </ul>
 * Never drift: paths the {@code ignored} predicate names (excluded by the filter, probe and
 * flush-cookie files).
 */
public final class DriftSet {
  private final Predicate<PathKey> ignored;
  private final Map<PathKey, Set<DriftKind>> paths = new LinkedHashMap<>();
  private final Set<PathKey> missingDirs = new java.util.HashSet<>();
  private final Set<PathKey> extraDirs = new java.util.HashSet<>();

  /** @param ignored true for a path that is never drift */
  public DriftSet(Predicate<PathKey> ignored) {
    this.ignored = ignored;
  }

  /** Adds one itemized line; lines that are no drift are dropped. */
  public void add(ItemizedLine line) {
    PathKey p = PathKey.copyOf(line.path(), 0, line.path().length);
    if (!p.isRoot() && ignored.test(p)) {
      return;
    }
    Set<DriftKind> k = DriftRules.kinds(line);
    if (k.isEmpty()) {
      return;
    }
    if (line.dir() && k.contains(DriftKind.MISSING)) {
      missingDirs.add(p);
    }
    if (line.dir() && k.contains(DriftKind.EXTRA)) {
      extraDirs.add(p);
    }
    paths.computeIfAbsent(p, x -> EnumSet.noneOf(DriftKind.class)).addAll(k);
  }

  /** Missing paths not inside another missing directory: the target may have them as another type. */
  public List<PathKey> typeCandidates() {
    List<PathKey> out = new ArrayList<>();
    for (Map.Entry<PathKey, Set<DriftKind>> e : paths.entrySet()) {
      if (e.getValue().contains(DriftKind.MISSING) && !below(e.getKey(), missingDirs)) {
        out.add(e.getKey());
      }
    }
    return out;
  }

  /** {@code onTarget}: the candidates the target does have (as another type). */
  public void resolveTypes(Collection<PathKey> onTarget) {
    Set<PathKey> types = new java.util.HashSet<>(onTarget);
    for (PathKey p : types) {
      Set<DriftKind> k = paths.get(p);
      if (k != null && k.remove(DriftKind.MISSING)) {
        k.add(DriftKind.TYPE);
      }
    }
    paths.keySet().removeIf(p -> below(p, types) && paths.get(p).equals(EnumSet.of(DriftKind.EXTRA)));
  }

  /**
   * Takes in what a parallel run over another share of the tree found ({@link Partition}),
   * unfolded, so folding sees both: a path both runs compared is kept once, where this set had
   * it first.
   */
  public void absorb(DriftSet other) {
    for (Map.Entry<PathKey, Set<DriftKind>> e : other.paths.entrySet()) {
      paths.computeIfAbsent(e.getKey(), x -> EnumSet.noneOf(DriftKind.class)).addAll(e.getValue());
    }
    missingDirs.addAll(other.missingDirs);
    extraDirs.addAll(other.extraDirs);
  }

  /** Drops these paths' drift (a race re-check replaces it with its own findings). */
  public void removeAll(Collection<PathKey> gone) {
    paths.keySet().removeAll(gone);
  }

  /** Adds what another set found (the re-check of raced paths). */
  public void addAll(DriftSet other) {
    for (Map.Entry<PathKey, Set<DriftKind>> e : other.folded().entrySet()) {
      paths.computeIfAbsent(e.getKey(), x -> EnumSet.noneOf(DriftKind.class)).addAll(e.getValue());
    }
  }

  /** Every reported path (folded), with its kinds, in rsync's order. */
  public Map<PathKey, Set<DriftKind>> folded() {
    Map<PathKey, Set<DriftKind>> out = new LinkedHashMap<>();
    for (Map.Entry<PathKey, Set<DriftKind>> e : paths.entrySet()) {
      PathKey p = e.getKey();
      if (below(p, missingDirs) || below(p, extraDirs)) {
        continue;
      }
      out.put(p, EnumSet.copyOf(e.getValue()));
    }
    return out;
  }

  /** The folded paths per kind, each list in rsync's order. */
  public Map<DriftKind, List<PathKey>> byKind() {
    Map<DriftKind, List<PathKey>> out = new EnumMap<>(DriftKind.class);
    for (Map.Entry<PathKey, Set<DriftKind>> e : folded().entrySet()) {
      for (DriftKind k : e.getValue()) {
        out.computeIfAbsent(k, x -> new ArrayList<>()).add(e.getKey());
      }
    }
    return out;
  }

  public boolean isEmpty() {
    return folded().isEmpty();
  }

  /** True when {@code p} lies strictly below one of {@code dirs}. */
  private static boolean below(PathKey p, Set<PathKey> dirs) {
    if (dirs.isEmpty()) {
      return false;
    }
    for (PathKey a = p.parent(); a != null && !a.isRoot(); a = a.parent()) {
      if (dirs.contains(a)) {
        return true;
      }
    }
    return false;
  }
}
