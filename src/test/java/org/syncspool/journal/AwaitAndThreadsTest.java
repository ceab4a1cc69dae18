package org.syncspool.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.syncspool.journal.Batches.append;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.worker.Mailbox;
import org.syncspool.time.SystemScheduler;
import org.syncspool.watch.EventBatch;

class AwaitAndThreadsTest {
  @TempDir Path dir;

  @Test
  void appendListenersHearEveryAppendOnTheAppendingThreadUntilRemoved() throws Exception {
    try (ChronicleJournal j = ChronicleJournal.open(dir)) {
      List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
      Runnable l = () -> heard.add(Thread.currentThread().getName());
      j.addAppendListener(l);
      append(j, 0, 2);
      j.accept(new EventBatch(64)); // empty: not written, not heard
      j.removeAppendListener(l);
      append(j, 2, 3);
      assertThat(heard).containsExactly(Thread.currentThread().getName(),
          Thread.currentThread().getName());
      assertThat(j.appendCount()).isEqualTo(3);
    }
  }

  /** The watcher appends on its thread while workers (not the thread that opened them) read. */
  @Test
  void workersReadWhileTheWatcherAppends() throws Exception {
    int n = 2000;
    try (ChronicleJournal j = ChronicleJournal.open(dir)) {
      List<Cursor> cursors = List.of(j.cursor("a"), j.cursor("b"), j.cursor("c"));
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<List<String>>> got = new ArrayList<>();
      for (Cursor c : cursors) {
        got.add(pool.submit(() -> {
          List<String> seen = new ArrayList<>();
          EventBatch b = new EventBatch(64);
          Mailbox box = new Mailbox(SystemScheduler.INSTANCE);
          Runnable grew = () -> box.post(Mailbox.Mail.JOURNAL_GREW);
          j.addAppendListener(grew);
          while (seen.size() < n) {
            box.take(Mailbox.Mail.JOURNAL_GREW);
            if (c.next(b)) {
              seen.add(Batches.names(b).get(0));
              if (seen.size() % 100 == 0) {
                c.commit();
              }
            } else {
              box.await(EnumSet.of(Mailbox.Mail.JOURNAL_GREW),
                  SystemScheduler.INSTANCE.deadlineAfterMillis(1000));
            }
          }
          j.removeAppendListener(grew);
          c.commit();
          return seen;
        }));
      }
      pool.submit(() -> append(j, 0, n)).get(20, TimeUnit.SECONDS);
      for (int i = 0; i < cursors.size(); i++) {
        List<String> seen = got.get(i).get(20, TimeUnit.SECONDS);
        assertThat(seen).hasSize(n).startsWith("r0", "r1").endsWith("r" + (n - 1));
        assertThat(cursors.get(i).backlog()).isZero();
      }
      pool.shutdown();
    }
  }

  /**
   * The watcher's thread and the start-up scan (main thread) append at the same time: every
   * record of both arrives whole.
   */
  @Test
  void twoThreadsAppendingAtOnceLoseNothing() throws Exception {
    int each = 20_000;
    try (ChronicleJournal j = ChronicleJournal.open(dir); Cursor c = j.cursor("t")) {
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      Thread[] writers = new Thread[2];
      for (int w = 0; w < 2; w++) {
        int base = w * each;
        writers[w] = new Thread(() -> {
          try {
            go.await();
          } catch (InterruptedException e) {
            return;
          }
          Batches.append(j, base, base + each);
        });
        writers[w].start();
      }
      go.countDown();
      for (Thread t : writers) {
        t.join();
      }
      java.util.List<String> all = Batches.read(c, 3 * each);
      assertThat(all).hasSize(2 * each).doesNotHaveDuplicates();
      assertThat(new java.util.HashSet<>(all)).contains("r0", "r" + (each - 1), "r" + each,
          "r" + (2 * each - 1));
    }
  }
}
