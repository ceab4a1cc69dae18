package org.syncspool.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Roots, local targets and the state directory compared as they are on disk, symlinks
 * resolved (docs/security.md): a target that is another root, two roots through a symlink, two
 * roots with one target, a target that is the state directory, a state directory inside a
 * root, {@code watch="/"}. Each did damage when only the path text was compared. Pure but for
 * {@link RealPaths}; {@code OverlapsTest} is its table.
 */
public final class Overlaps {
  private Overlaps() {}

  /** Where a path really is: the existing part with symlinks resolved, the rest appended. */
  @FunctionalInterface
  public interface RealPaths {
    Path real(Path p);
  }

  /** The real file system. */
  public static final RealPaths SYSTEM = p -> {
    Path abs = p.toAbsolutePath().normalize();
    Path existing = abs;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return abs;
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(abs));
    } catch (IOException e) {
      return abs;
    }
  };

  /** Throws the first problem as a config error (exit 78). */
  public static void check(Config c, RealPaths fs) throws ConfigException {
    List<String> p = problems(c, fs);
    if (!p.isEmpty()) {
      throw new ConfigException(c.source(), 0, 0, p.get(0));
    }
  }

  private record Place(String what, Path given, Path real) {}

  /** Every overlap, one line each; empty when there is none. */
  public static List<String> problems(Config c, RealPaths fs) {
    List<String> out = new ArrayList<>();
    List<Place> roots = new ArrayList<>();
    List<Place> targets = new ArrayList<>();
    for (Root r : c.roots()) {
      Place root = new Place("watch directory " + r.watch() + " (root " + r.id() + ")",
          r.watch(), fs.real(r.watch()));
      if (root.real().getParent() == null) {
        out.add(root.what() + " is the whole file system (/): the state directory and every "
            + "local target would be inside it");
      }
      roots.add(root);
      for (Target t : r.targets()) {
        if (t.localPath() != null) {
          targets.add(new Place("local target " + t.localPath() + " of root " + r.id(),
              t.localPath(), fs.real(t.localPath())));
        }
      }
    }
    for (int i = 0; i < roots.size(); i++) {
      for (int j = 0; j < i; j++) {
        overlap(roots.get(i), roots.get(j), "roots must not overlap, each change would be "
            + "replicated twice", out);
      }
    }
    for (Place t : targets) {
      for (Place r : roots) {
        overlap(t, r, "a target must be outside every watched tree: a sync into it is "
            + "replicated again, and its --delete removes that root's source files", out);
      }
    }
    for (int i = 0; i < targets.size(); i++) {
      for (int j = 0; j < i; j++) {
        overlap(targets.get(i), targets.get(j), "two roots must not share a target: each "
            + "root's sync deletes the other's files", out);
      }
    }
    Engine e = c.engine();
    List<Place> state = new ArrayList<>(List.of(new Place("state directory " + e.stateDir(),
        e.stateDir(), fs.real(e.stateDir()))));
    if (!e.journal().startsWith(e.stateDir())) {
      state.add(new Place("journal directory " + e.journal(), e.journal(), fs.real(e.journal())));
    }
    for (Place s : state) {
      for (Place t : targets) {
        // A target inside the state directory (the shipped example's mirror) deletes only in
        // itself; one that is or contains it would delete the journal.
        if (!t.real().startsWith(s.real()) || t.real().equals(s.real())) {
          overlap(t, s, "rsync --delete there would remove the journal", out);
        }
      }
      for (Place r : roots) {
        // A root inside the state directory (the shipped example's source) is harmless; one
        // that is or contains it would replicate the daemon's own writes.
        if (!r.real().startsWith(s.real()) || r.real().equals(s.real())) {
          overlap(s, r, "the daemon's own writes would be replicated, and a user of the tree "
              + "could reach its files", out);
        }
      }
    }
    return out;
  }

  /** One line per remote host:module that more than one root sends to. */
  public static List<String> warnings(Config c) {
    Map<String, List<Integer>> byDest = new HashMap<>();
    List<String> order = new ArrayList<>();
    for (Root r : c.roots()) {
      for (Target t : r.targets()) {
        if (t.host() == null) {
          continue;
        }
        String dest = t.mode() + " " + t.host() + (t.port() == null ? "" : ":" + t.port())
            + (t.mode() == Target.Mode.SSH ? ":" : "::") + t.module();
        List<Integer> ids = byDest.computeIfAbsent(dest, k -> {
          order.add(k);
          return new ArrayList<>();
        });
        if (!ids.contains(r.id())) {
          ids.add(r.id());
        }
      }
    }
    List<String> out = new ArrayList<>();
    for (String dest : order) {
      List<Integer> ids = byDest.get(dest);
      if (ids.size() > 1) {
        out.add(c.source() + ": " + dest.substring(dest.indexOf(' ') + 1) + " receives roots "
            + ids + ": if they are one directory there, each root's --delete removes the "
            + "other's files");
      }
    }
    return out;
  }

  private static void overlap(Place a, Place b, String why, List<String> out) {
    String how = a.real().equals(b.real()) ? " is "
        : a.real().startsWith(b.real()) ? " is inside "
        : b.real().startsWith(a.real()) ? " contains " : null;
    if (how == null) {
      return;
    }
    boolean viaLink = !a.given().toAbsolutePath().normalize().equals(a.real())
        || !b.given().toAbsolutePath().normalize().equals(b.real());
    out.add(a.what() + how + b.what() + (viaLink ? " (symlinks resolved: " + a.real() + ", "
        + b.real() + ")" : "") + ": " + why);
  }
}
