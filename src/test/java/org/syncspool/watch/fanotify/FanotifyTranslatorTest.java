package org.syncspool.watch.fanotify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.syncspool.watch.fanotify.sys.FanConst.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.syncspool.config.EventToggles;
import org.syncspool.watch.EventBatch;
import org.syncspool.watch.PathFilter;

/**
 * Kernel bytes in, journal records out, with a fake {@link Resolver} standing for
 * open_by_handle_at: the directory numbers below are fids, {@link #paths} what the kernel would
 * name them now. Roots: {@code /r} (journal id 5) and {@code /s} (id 6).
 */
class FanotifyTranslatorTest {
  private final Map<Integer, String> paths = new HashMap<>();
  private final List<Integer> resolved = new ArrayList<>();
  private final HandleCache cache = new HandleCache(1000);
  private final Resolver resolver = (buf, off, len) -> {
    int n = FanotifyDecoder.getInt(buf, off + 16);
    resolved.add(n);
    String p = paths.get(n);
    return p == null ? null : p.getBytes(StandardCharsets.UTF_8);
  };

  FanotifyTranslatorTest() {
    paths.put(1, "/r");
    paths.put(2, "/r/a");
    paths.put(3, "/r/a/sub");
    paths.put(4, "/elsewhere/build");
    paths.put(5, "/s");
    paths.put(6, "/r/cache");
    paths.put(7, "/r/cache/deep");
  }

  private List<String> run(EventBytes events) {
    return run(events, EventToggles.DEFAULT, PathFilter.NONE);
  }

  private List<String> run(EventBytes events, EventToggles toggles, PathFilter filter) {
    FanotifyTranslator t = new FanotifyTranslator(cache, resolver,
        new byte[][] {"/r".getBytes(StandardCharsets.UTF_8), "/s".getBytes(StandardCharsets.UTF_8)},
        new int[] {5, 6}, toggles, filter);
    EventBatch batch = new EventBatch(1024);
    t.into(batch.reset(0));
    byte[] b = events.bytes();
    new FanotifyDecoder().decode(b, 0, b.length, t);
    List<String> out = new ArrayList<>();
    batch.forEach((kind, dir, root, cookie, path, off, len) -> out.add(kind + (dir ? "/dir" : "")
        + "@" + root + (cookie != 0 ? "#" + cookie : "") + " "
        + new String(path, off, len, StandardCharsets.UTF_8)));
    return out;
  }

  /** As inotify's IN_IGNORED on a root: the root's parent reports it gone, one ERROR line. */
  @Test
  void aRootDeletedOrMovedAwayIsOneErrorLine() throws Exception {
    paths.put(8, "/");
    List<String> logged = org.syncspool.testing.LogCapture.of(FanotifyTranslator.class, () ->
        assertThat(run(new EventBytes().event(FAN_DELETE | FAN_ONDIR, 8, "r")
            .rename(FAN_ONDIR, 8, "s", 8, "s.old").event(FAN_DELETE | FAN_ONDIR, 8, "other")))
            .as("nothing journaled: the events are outside the roots").isEmpty());
    assertThat(logged).containsExactly("ERROR root 5 is no longer watched: it was deleted",
            "ERROR root 6 is no longer watched: it was moved away");
  }

  @Test
  void aFileInARootAndDeeper() {
    assertThat(run(new EventBytes().event(FAN_CREATE, 1, "f").event(FAN_CLOSE_WRITE, 3, "g")
        .event(FAN_CREATE, 5, "h"))).containsExactly("CREATE@5 f", "CLOSE_WRITE@5 a/sub/g",
        "CREATE@6 h");
  }

  @Test
  void mergedKindsAreEachJournaledInAFixedOrder() {
    assertThat(run(new EventBytes().event(FAN_DELETE | FAN_ATTRIB | FAN_CLOSE_WRITE | FAN_CREATE,
        1, "f"))).containsExactly("CREATE@5 f", "CLOSE_WRITE@5 f", "ATTRIB@5 f", "DELETE@5 f");
  }

  @Test
  void togglesThatAreOffAreNotJournaled() {
    EventToggles noDelete = new EventToggles(false, true, true, true, true, true, false, false);
    assertThat(run(new EventBytes().event(FAN_DELETE, 1, "f").event(FAN_ATTRIB, 1, "g")
        .event(FAN_CREATE, 1, "h"), noDelete, PathFilter.NONE)).containsExactly("CREATE@5 h");
  }

  @Test
  void aNewDirectoryIsACreateOfTheDirectory() {
    assertThat(run(new EventBytes().event(FAN_CREATE | FAN_ONDIR, 2, "new")))
        .containsExactly("CREATE/dir@5 a/new");
  }

  @Test
  void anAttribOfADirectoryItselfAndOfTheRoot() {
    assertThat(run(new EventBytes().event(FAN_ATTRIB | FAN_ONDIR, 3, null)
        .event(FAN_ATTRIB | FAN_ONDIR, 1, null))).containsExactly("ATTRIB/dir@5 a/sub",
        "ATTRIB/dir@5 ");
  }

  @Test
  void outsideTheRootsIsDroppedAndCostsOneResolveForAllItsEvents() {
    assertThat(run(new EventBytes().event(FAN_CREATE, 4, "x.o").event(FAN_CLOSE_WRITE, 4, "x.o")
        .event(FAN_DELETE, 4, "y.o"))).isEmpty();
    assertThat(resolved).containsExactly(4);
  }

  @Test
  void aDirectoryThatIsGoneIsDropped() {
    paths.remove(3);
    assertThat(run(new EventBytes().event(FAN_CLOSE_WRITE, 3, "late")
        .event(FAN_DELETE | FAN_ONDIR, 2, "sub"))).containsExactly("DELETE/dir@5 a/sub");
  }

  @Test
  void aRenameInsideTheRootsIsAPairWithOneCookie() {
    assertThat(run(new EventBytes().rename(0, 1, "old", 2, "new")
        .rename(FAN_ONDIR, 1, "d", 5, "d"))).containsExactly("MOVED_FROM@5#1 old",
        "MOVED_TO@5#1 a/new", "MOVED_FROM/dir@5#2 d", "MOVED_TO/dir@6#2 d");
  }

  @Test
  void movesAcrossTheRootsEdgeAreHalves() {
    assertThat(run(new EventBytes().rename(FAN_ONDIR, 4, "tree", 1, "tree")
        .rename(0, 2, "f", 4, "f"))).containsExactly("MOVED_TO/dir@5#1 tree",
        "MOVED_FROM@5#2 a/f");
  }

  @Test
  void aDirectoryRenameDropsTheCachedPathsBelowIt() {
    run(new EventBytes().event(FAN_CLOSE_WRITE, 3, "x")); // caches /r/a/sub
    paths.put(2, "/r/b");
    paths.put(3, "/r/b/sub");
    assertThat(run(new EventBytes().rename(FAN_ONDIR, 1, "a", 1, "b")
        .event(FAN_CLOSE_WRITE, 3, "y"))).containsExactly("MOVED_FROM/dir@5#1 a",
        "MOVED_TO/dir@5#1 b", "CLOSE_WRITE@5 b/sub/y");
  }

  @Test
  void eventsBeforeTheRenameInTheQueueKeepTheNameTheyHadWhenCached() {
    assertThat(run(new EventBytes().event(FAN_CLOSE_WRITE, 3, "x")
        .rename(FAN_ONDIR, 1, "a", 1, "b"))).startsWith("CLOSE_WRITE@5 a/sub/x");
  }

  @Test
  void aDirectoryDeleteDropsTheCachedPathsBelowIt() {
    run(new EventBytes().event(FAN_CLOSE_WRITE, 2, "w").event(FAN_CLOSE_WRITE, 3, "x"));
    int before = resolved.size();
    run(new EventBytes().event(FAN_DELETE | FAN_ONDIR, 2, "sub").event(FAN_CLOSE_WRITE, 3, "y"));
    assertThat(resolved.subList(before, resolved.size())).containsExactly(3);
  }

  @Test
  void excludedDirectoriesTheirSubtreesAndNames() {
    PathFilter f = PathFilter.of("cache", ".*\\.tmp");
    assertThat(run(new EventBytes().event(FAN_CLOSE_WRITE, 7, "x").event(FAN_CLOSE_WRITE, 6, "y")
        .event(FAN_CREATE | FAN_ONDIR, 1, "cache").event(FAN_CLOSE_WRITE, 2, "z.tmp")
        .event(FAN_CLOSE_WRITE, 2, "kept")
        .rename(0, 2, "w.tmp", 2, "w"), EventToggles.DEFAULT, f))
        .containsExactly("CLOSE_WRITE@5 a/kept", "MOVED_TO@5#1 a/w");
  }

  @Test
  void anOverflowIsARescanOfEveryRootAndForgetsEveryPath() {
    run(new EventBytes().event(FAN_CLOSE_WRITE, 3, "x"));
    assertThat(run(new EventBytes().overflow())).containsExactly("RESCAN/dir@5 ", "RESCAN/dir@6 ");
    assertThat(cache.size()).isZero();
  }
}
