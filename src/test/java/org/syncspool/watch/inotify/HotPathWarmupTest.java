package org.syncspool.watch.inotify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncspool.config.EventToggles;
import org.syncspool.watch.EventKind;
import org.syncspool.watch.PathFilter;

/** The warm-up runs the real decoder and translator and produces real-looking records. */
class HotPathWarmupTest {
  @Test
  void everySyntheticEventReachesTheSinkAsAJournalEvent() {
    List<String> kinds = new ArrayList<>();
    int[] records = {0};
    long events = HotPathWarmup.run(EventToggles.DEFAULT, new PathFilter(List.of()), 3, batch -> {
      records[0]++;
      batch.forEach((kind, dir, root, cookie, path, off, len) -> {
        assertThat(root).isEqualTo(3);
        assertThat(new String(path, off, len)).startsWith("warm/up/file-");
        kinds.add(kind.name());
      });
    }, 2);
    assertThat(events).isEqualTo(2L * HotPathWarmup.EVENTS_PER_READ);
    assertThat(records[0]).isEqualTo(2);
    assertThat(kinds).hasSize((int) events)
        .contains(EventKind.CREATE.name(), EventKind.CLOSE_WRITE.name(),
            EventKind.MOVED_FROM.name(), EventKind.MOVED_TO.name());
  }
}
