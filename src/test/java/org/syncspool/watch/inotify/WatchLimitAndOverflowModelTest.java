package org.syncspool.watch.inotify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.syncspool.config.EventToggles;
import org.syncspool.watch.EventBatch;
import org.syncspool.watch.PathFilter;

/**
 * The two ways the kernel says the watcher's picture is incomplete, without the kernel
 * ({@link FakeInotify}): ENOSPC from inotify_add_watch (the watch limit) and IN_Q_OVERFLOW
 * (events lost). Either way nothing may stay behind silently: what could not be watched or was
 * not seen is journaled as a RESCAN, and once there is room every directory is watched where it is
 * (docs/architecture.md, Event rules).
 */
class WatchLimitAndOverflowModelTest {
  private static final int ALL = Integer.MAX_VALUE;

  private final FakeInotify kernel = new FakeInotify();
  private final WatchTable table = new WatchTable();
  private final Watches watches = new Watches(kernel,
      new byte[][] {FakeInotify.ROOT.getBytes(StandardCharsets.ISO_8859_1)}, new int[] {0},
      PathFilter.NONE, table, () -> 0L);
  private final EventTranslator translator = new EventTranslator(table, watches,
      EventToggles.DEFAULT, PathFilter.NONE, new int[] {0});
  private final InotifyDecoder decoder = new InotifyDecoder();
  private final List<String> journaled = new ArrayList<>();

  private void tree(String... dirs) {
    for (String d : dirs) {
      assertThat(kernel.mkdir(d)).as(d).isTrue();
    }
  }

  @Test
  void directoriesPastTheWatchLimitAreRescannedUntilThereIsRoomForThem() {
    tree("a", "a/b", "c", "c/d", "c/d/e");
    kernel.maxWatches(3);
    start();
    assertThat(table.size()).isEqualTo(3);
    assertThat(watches.hasUnwatched()).isTrue();
    assertEveryUnwatchedDirectoryIsUnderARescan();
    Set<String> firstRescans = rescans();

    kernel.maxWatches(4); // still too small: what cannot be watched stays on the list
    journaled.clear();
    retry();
    assertThat(rescans()).containsAll(firstRescans);
    assertThat(watches.hasUnwatched()).isTrue();
    assertEveryUnwatchedDirectoryIsUnderARescan();

    kernel.maxWatches(ALL); // the operator raised fs.inotify.max_user_watches
    journaled.clear();
    retry();
    assertThat(rescans()).isNotEmpty(); // what changed there meanwhile is synced
    assertThat(watches.hasUnwatched()).isFalse();
    assertEveryDirectoryWatchedWhereItIs();
    assertCreatesInEveryDirectoryAreJournaled();
  }

  @Test
  void aDirectoryMadeInAFullTableIsRescannedNotLost() {
    tree("a");
    kernel.maxWatches(2);
    start();
    assertThat(watches.hasUnwatched()).isFalse();
    kernel.mkdir("a/new");
    kernel.create("a/new/f");
    read(ALL);
    assertThat(journaled).contains("RESCAN a/new", "CREATE a/new");
    assertThat(watches.hasUnwatched()).isTrue();
    kernel.maxWatches(ALL);
    retry();
    assertEveryDirectoryWatchedWhereItIs();
    assertCreatesInEveryDirectoryAreJournaled();
  }

  @Test
  void anOverflowRescansTheRootAndLeavesEveryWatchRight() {
    tree("a", "a/b", "c");
    start();
    kernel.create("c/before");
    kernel.overflowNow(); // the queue is full from here: what follows is lost
    kernel.mkdir("new");
    kernel.mkdir("new/deeper");
    kernel.remove("a");
    kernel.rename("c", "c2");
    read(ALL);
    assertThat(journaled).contains("CREATE c/before", "RESCAN ");
    assertThat(journaled).noneMatch(s -> s.contains("new") || s.contains("c2"));
    assertEveryDirectoryWatchedWhereItIs(); // new and new/deeper watched, c2 where it is
    assertCreatesInEveryDirectoryAreJournaled(); // a's dead watches gone from the table
  }

  private void start() {
    EventBatch batch = new EventBatch().reset(0);
    translator.into(batch);
    watches.addTree(0, new byte[0], batch);
    record(batch);
  }

  private void retry() {
    EventBatch batch = new EventBatch().reset(0);
    translator.into(batch);
    watches.retryUnwatched(batch);
    record(batch);
  }

  private void read(int events) {
    byte[] bytes = kernel.read(events);
    EventBatch batch = new EventBatch().reset(0);
    translator.into(batch);
    decoder.decode(bytes, 0, bytes.length, translator);
    decoder.flushPending(translator);
    record(batch);
  }

  private void record(EventBatch batch) {
    batch.forEach((kind, dir, root, cookie, path, off, len) ->
        journaled.add(kind + " " + new String(path, off, len, StandardCharsets.ISO_8859_1)));
  }

  private Set<String> rescans() {
    Set<String> out = new TreeSet<>();
    for (String s : journaled) {
      if (s.startsWith("RESCAN ")) {
        out.add(s.substring("RESCAN ".length()));
      }
    }
    return out;
  }

  private void assertEveryUnwatchedDirectoryIsUnderARescan() {
    Set<String> rescanned = rescans();
    List<String> uncovered = new ArrayList<>();
    for (Map.Entry<String, FakeInotify.Node> e : kernel.directories().entrySet()) {
      String d = e.getKey();
      if (e.getValue().wd >= 0) {
        continue;
      }
      boolean covered = rescanned.stream().anyMatch(r -> r.isEmpty() || d.equals(r)
          || d.startsWith(r + "/"));
      if (!covered) {
        uncovered.add(d);
      }
    }
    assertThat(uncovered).as("unwatched directories no RESCAN covers").isEmpty();
  }

  private void assertEveryDirectoryWatchedWhereItIs() {
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, FakeInotify.Node> e : kernel.directories().entrySet()) {
      int wd = e.getValue().wd;
      if (wd < 0) {
        wrong.add(e.getKey() + ": not watched");
      } else if (!table.contains(wd)) {
        wrong.add(e.getKey() + ": watch " + wd + " not in the table");
      } else if (!new String(table.path(wd), StandardCharsets.ISO_8859_1).equals(e.getKey())) {
        wrong.add(e.getKey() + ": table says " + new String(table.path(wd),
            StandardCharsets.ISO_8859_1));
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
    read(ALL);
    assertThat(new TreeSet<>(journaled.stream().filter(s -> s.startsWith("CREATE")).toList()))
        .isEqualTo(expected);
  }
}
