package org.syncspool.watch.fanotify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncspool.config.EventToggles;
import org.syncspool.watch.PathFilter;

/** The warm-up runs the real decoder and translator: what it journals is inside the root only. */
class FanotifyWarmupTest {
  @Test
  void journalsTheRootsEventsDropsTheOthersAndNeverResolvesARealHandle() {
    List<String> journaled = new ArrayList<>();
    int[] records = {0};
    long decoded = FanotifyWarmup.run(EventToggles.DEFAULT, PathFilter.NONE,
        "/srv/www".getBytes(StandardCharsets.US_ASCII), 7, batch -> {
          records[0]++;
          batch.forEach((kind, dir, root, cookie, path, off, len) -> journaled.add(root + " "
              + kind + " " + new String(path, off, len, StandardCharsets.UTF_8)));
        }, 2);
    assertThat(decoded).isEqualTo(2L * FanotifyWarmup.EVENTS_PER_READ);
    assertThat(records[0]).isEqualTo(2);
    assertThat(journaled).isNotEmpty()
        .allMatch(e -> e.startsWith("7 ") && e.contains(" warm/up/file-"));
    // every 4th event is outside the root (dropped), every 32nd a rename (two events)
    assertThat(journaled).anyMatch(e -> e.contains("MOVED_FROM warm/up/file-000000.dat"))
        .anyMatch(e -> e.contains("MOVED_TO warm/up/file-000000.dat.new"))
        .noneMatch(e -> e.endsWith("file-000004.dat"))
        .anyMatch(e -> e.endsWith("CLOSE_WRITE warm/up/file-000001.dat"));
  }
}
