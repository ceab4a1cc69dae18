package org.syncspool.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.syncspool.journal.Batches.append;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.watch.EventBatch;

class AwaitAndThreadsTest {
  @TempDir Path dir;

  @Test
  void awaitAppendTimesOutWhenNothingIsAppended() throws Exception {
    try (ChronicleJournal j = ChronicleJournal.open(dir)) {
      long t0 = System.nanoTime();
      j.awaitAppend(j.appendCount(), 150, TimeUnit.MILLISECONDS);
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isBetween(140L, 2000L);
    }
  }

  @Test
  void awaitAppendReturnsAtOnceWhenAppendsWereMissed() throws Exception {
    try (ChronicleJournal j = ChronicleJournal.open(dir)) {
      long seen = j.appendCount();
      append(j, 0, 1);
      long t0 = System.nanoTime();
      j.awaitAppend(seen, 10, TimeUnit.SECONDS);
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(1000);
    }
  }

  @Test
  void awaitAppendWakesOnAppend() throws Exception {
    try (ChronicleJournal j = ChronicleJournal.open(dir)) {
      long seen = j.appendCount();
      CountDownLatch waiting = new CountDownLatch(1);
      ExecutorService pool = Executors.newSingleThreadExecutor();
      Future<Long> woke = pool.submit(() -> {
        waiting.countDown();
        long t0 = System.nanoTime();
        j.awaitAppend(seen, 10, TimeUnit.SECONDS);
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      });
      waiting.await();
      Thread.sleep(100); // let it park
      append(j, 0, 1);
      assertThat(woke.get(5, TimeUnit.SECONDS)).isLessThan(5000);
      assertThat(j.appendCount()).isEqualTo(seen + 1);
      pool.shutdown();
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
          while (seen.size() < n) {
            long appends = j.appendCount();
            if (c.next(b)) {
              seen.add(Batches.names(b).get(0));
              if (seen.size() % 100 == 0) {
                c.commit();
              }
            } else {
              j.awaitAppend(appends, 1, TimeUnit.SECONDS);
            }
          }
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
