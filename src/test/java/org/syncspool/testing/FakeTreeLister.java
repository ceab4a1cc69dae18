package org.syncspool.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.syncspool.batch.PathKey;
import org.syncspool.transfer.TreeLister;
import org.syncspool.watch.PathFilter;

/**
 * An in-memory root for {@link TreeLister}: files and directories by relative path, split by a
 * real {@link PathFilter} the way the daemon's lister does it (each directory's entries in name
 * order, then its subdirectories; excluded directories are reported and not descended into).
 */
public final class FakeTreeLister implements TreeLister {
  private final PathFilter filter;
  /** Relative path -> true for a directory. Sorted, so walks are deterministic. */
  private final TreeMap<String, Boolean> entries = new TreeMap<>();
  private final List<String> walked = new ArrayList<>();

  public FakeTreeLister(PathFilter filter) {
    this.filter = filter;
  }

  /** Adds directories (and, like mkdir -p, their parents). */
  public FakeTreeLister dir(String... paths) {
    for (String p : paths) {
      for (String d = p; !d.isEmpty(); d = parent(d)) {
        entries.put(d, true);
      }
    }
    return this;
  }

  /** Adds files; their parent directories are added too. */
  public FakeTreeLister file(String... paths) {
    for (String p : paths) {
      entries.put(p, false);
      if (!parent(p).isEmpty()) {
        dir(parent(p));
      }
    }
    return this;
  }

  /** The {@code under} arguments of the walks so far, in order. */
  public synchronized List<String> walked() {
    return List.copyOf(walked);
  }

  @Override
  public boolean filtered() {
    return !filter.isEmpty();
  }

  @Override
  public void walk(PathKey under, Consumer<byte[]> included, Consumer<byte[]> excluded) {
    String rel = new String(under.bytes(), StandardCharsets.UTF_8);
    synchronized (this) {
      walked.add(rel);
    }
    if (!rel.isEmpty() && filter.excluded(rel)) {
      excluded.accept(under.bytes());
      return;
    }
    if (rel.isEmpty() || Boolean.TRUE.equals(entries.get(rel))) {
      walkDir(rel, included, excluded);
    }
  }

  private void walkDir(String dir, Consumer<byte[]> included, Consumer<byte[]> excluded) {
    List<String> subdirs = new ArrayList<>();
    for (var e : entries.entrySet()) {
      String p = e.getKey();
      if (!parent(p).equals(dir)) {
        continue;
      }
      byte[] bytes = p.getBytes(StandardCharsets.UTF_8);
      if (filter.excluded(p)) {
        excluded.accept(bytes);
        continue;
      }
      included.accept(bytes);
      if (e.getValue()) {
        subdirs.add(p);
      }
    }
    for (String d : subdirs) {
      walkDir(d, included, excluded);
    }
  }

  private static String parent(String p) {
    int slash = p.lastIndexOf('/');
    return slash < 0 ? "" : p.substring(0, slash);
  }
}
