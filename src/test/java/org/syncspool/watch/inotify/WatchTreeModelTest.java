package org.syncspool.watch.inotify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.syncspool.config.EventToggles;
import org.syncspool.watch.EventBatch;
import org.syncspool.watch.PathFilter;

/**
 * The watch bookkeeping (decoder, {@link EventTranslator}, {@link Watches}, {@link WatchTable})
 * against a kernel in memory ({@link FakeInotify}) whose tree runs ahead of what was read, as a
 * real one does under churn. After the churn and the last read, every directory of the tree must
 * be watched under its real path, and a file created in any of them must be journaled under
 * that path: the moved-directory loss of issue 17 (no change inside a directory that was moved
 * out of a subtree and back ever arrived) is this property failing.
 */
class WatchTreeModelTest {
  private final FakeInotify kernel = new FakeInotify();
  private final WatchTable table = new WatchTable();
  private final Watches watches = new Watches(kernel,
      new byte[][] {FakeInotify.ROOT.getBytes(StandardCharsets.ISO_8859_1)}, new int[] {0},
      PathFilter.NONE, table, () -> 0L);
  private final EventTranslator translator = new EventTranslator(table, watches,
      EventToggles.DEFAULT, PathFilter.NONE, new int[] {0});
  private final InotifyDecoder decoder = new InotifyDecoder();
  private final List<String> journaled = new ArrayList<>();

  /**
   * The shape the churn found: a directory created and moved before the watcher read its
   * CREATE, so adding its watch by its old path fails; the move then has no watch to carry.
   */
  @Test
  void aDirectoryMovedBeforeItsCreateIsReadIsWatchedAtItsNewPlace() {
    start();
    kernel.mkdir("D1222");
    read(Integer.MAX_VALUE);
    kernel.mkdir("D1222/D1252");
    kernel.create("D1222/D1252/f1");
    kernel.rename("D1222/D1252", "D1569"); // before the watcher read the mkdir
    read(Integer.MAX_VALUE);
    assertEveryDirectoryWatchedWhereItIs();
    assertCreatesInEveryDirectoryAreJournaled();
  }

  /** A subdirectory created, then its parent moved, before the CREATE is read. */
  @Test
  void aSubdirectoryCreatedJustBeforeItsParentMovedIsWatched() {
    start();
    kernel.mkdir("a");
    read(Integer.MAX_VALUE);
    kernel.mkdir("a/x");
    kernel.rename("a", "b");
    read(Integer.MAX_VALUE);
    assertEveryDirectoryWatchedWhereItIs();
    assertCreatesInEveryDirectoryAreJournaled();
  }

  /**
   * A path resolved while the tree is ahead can name another directory: a/x created, a moved to
   * e, f (with its own x) moved to a, all before the CREATE is read.
   */
  @Test
  void aWatchAddedByAPathThatNowNamesAnotherDirectoryEndsRight() {
    start();
    kernel.mkdir("a");
    kernel.mkdir("f");
    kernel.mkdir("f/x");
    read(Integer.MAX_VALUE);
    kernel.mkdir("a/x");
    kernel.rename("a", "e");
    kernel.rename("f", "a");
    read(Integer.MAX_VALUE);
    assertEveryDirectoryWatchedWhereItIs();
    assertCreatesInEveryDirectoryAreJournaled();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
  void randomChurnReadLateEndsWithEveryDirectoryWatchedWhereItIs(long seed) {
    Random rnd = new Random(seed);
    start();
    int n = 0;
    for (int op = 0; op < 3000; op++) {
      churnOnce(rnd, ++n);
      if (rnd.nextInt(4) == 0) {
        read(1 + rnd.nextInt(Math.max(1, kernel.queued())));
      }
      if (kernel.queued() == 0 && decoder.hasPending() && rnd.nextBoolean()) {
        poll(); // the 10 ms wait for a MOVED_TO ran out
      }
    }
    read(Integer.MAX_VALUE);
    poll();
    assertEveryDirectoryWatchedWhereItIs();
    assertCreatesInEveryDirectoryAreJournaled();
  }

  private void churnOnce(Random rnd, int n) {
    String dir = randomDirectory(rnd);
    String other = randomDirectory(rnd);
    String in = dir.isEmpty() ? "" : dir + "/";
    String into = other.isEmpty() ? "" : other + "/";
    switch (rnd.nextInt(10)) {
      case 0, 1 -> kernel.mkdir(in + "d" + n);
      case 2 -> {
        kernel.mkdir(in + "p" + n);
        kernel.mkdir(in + "p" + n + "/q" + n);
        kernel.create(in + "p" + n + "/q" + n + "/f" + n);
      }
      case 3 -> kernel.create(in + "f" + n);
      case 4, 5, 6 -> {
        if (!dir.isEmpty()) { // a directory moved anywhere outside itself, sometimes onto a name
          String target = rnd.nextInt(5) == 0 && !other.isEmpty() ? other : into + "D" + n;
          kernel.rename(dir, target);
        }
      }
      case 7 -> {
        FakeInotify.Node d = kernel.node(dir);
        String file = d.children.values().stream().filter(c -> !c.dir).map(c -> c.name)
            .findFirst().orElse(null);
        if (file != null) {
          kernel.rename(in + file, rnd.nextBoolean() ? into + "r" + n : in + "r" + n);
        }
      }
      case 8 -> {
        if (!dir.isEmpty() && rnd.nextInt(3) == 0) {
          kernel.remove(dir);
        }
      }
      default -> {
        FakeInotify.Node d = kernel.node(dir);
        d.children.values().stream().filter(c -> !c.dir).findFirst()
            .ifPresent(f -> kernel.write(in + f.name));
      }
    }
  }

  /** A directory found by a random walk down from the root (cheap: no listing of the tree). */
  private String randomDirectory(Random rnd) {
    FakeInotify.Node n = kernel.root;
    while (rnd.nextInt(4) != 0) {
      List<FakeInotify.Node> subdirs = n.children.values().stream().filter(c -> c.dir).toList();
      if (subdirs.isEmpty()) {
        break;
      }
      n = subdirs.get(rnd.nextInt(subdirs.size()));
    }
    return n.path();
  }

  private void start() {
    EventBatch batch = new EventBatch().reset(0);
    translator.into(batch);
    watches.addTree(0, new byte[0], batch);
  }

  /** One read of the first {@code events} queued events, decoded and translated. */
  private void read(int events) {
    byte[] bytes = kernel.read(events);
    EventBatch batch = new EventBatch().reset(0);
    translator.into(batch);
    decoder.decode(bytes, 0, bytes.length, translator);
    record(batch);
  }

  private void poll() {
    EventBatch batch = new EventBatch().reset(0);
    translator.into(batch);
    decoder.flushPending(translator);
    record(batch);
  }

  private void record(EventBatch batch) {
    batch.forEach((kind, dir, root, cookie, path, off, len) ->
        journaled.add(kind + " " + new String(path, off, len, StandardCharsets.ISO_8859_1)));
  }

  private void assertEveryDirectoryWatchedWhereItIs() {
    Map<String, FakeInotify.Node> dirs = kernel.directories();
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, FakeInotify.Node> e : dirs.entrySet()) {
      int wd = e.getValue().wd;
      if (wd < 0) {
        wrong.add(e.getKey() + ": not watched");
      } else if (!table.contains(wd)) {
        wrong.add(e.getKey() + ": watch " + wd + " not in the table");
      } else {
        String p = new String(table.path(wd), StandardCharsets.ISO_8859_1);
        if (!p.equals(e.getKey())) {
          wrong.add(e.getKey() + ": table says " + p);
        }
      }
    }
    assertThat(wrong).as("directories not watched where they are").isEmpty();
    assertThat(table.size()).as("table entries").isEqualTo(kernel.watchCount());
  }

  private void assertCreatesInEveryDirectoryAreJournaled() {
    journaled.clear();
    Set<String> expected = new TreeSet<>();
    for (String d : new HashSet<>(kernel.directories().keySet())) {
      String f = (d.isEmpty() ? "" : d + "/") + "probe-after";
      kernel.create(f);
      expected.add("CREATE " + f);
    }
    read(Integer.MAX_VALUE);
    assertThat(new TreeSet<>(journaled.stream().filter(s -> s.startsWith("CREATE")).toList()))
        .isEqualTo(expected);
  }
}
