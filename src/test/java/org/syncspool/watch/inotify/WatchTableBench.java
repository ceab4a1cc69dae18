package org.syncspool.watch.inotify;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Not a test (nothing here runs under {@code mvn verify}): what one directory rename and one
 * subtree lookup cost in a {@link WatchTable} of 1M watches (1000 top directories of 999
 * subdirectories each, plus the root), and how long the 1M puts and how much heap the table take.
 * Run with the test classpath:
 * {@code java -cp target/test-classes:target/classes:$(deps) org.syncspool.watch.inotify.WatchTableBench}.
 */
public final class WatchTableBench {
  private static final int TOP = 1000;
  private static final int SUB = 999;

  private WatchTableBench() {
  }

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    Runtime rt = Runtime.getRuntime();
    long heap0 = usedAfterGc(rt);
    long t0 = System.nanoTime();
    WatchTable t = new WatchTable();
    int wd = 1;
    t.put(wd++, 0, new byte[0]);
    for (int i = 0; i < TOP; i++) {
      byte[] top = b(String.format(Locale.ROOT, "d%03d", i));
      t.put(wd++, 0, top);
      for (int j = 0; j < SUB; j++) {
        t.put(wd++, 0, b(String.format(Locale.ROOT, "d%03d/s%03d", i, j)));
      }
    }
    long putNanos = System.nanoTime() - t0;
    long heap = usedAfterGc(rt) - heap0;
    System.out.printf(Locale.ROOT, "watches=%d  1M puts %.0f ms  table heap %.1f MiB (%.0f B/watch)%n",
        t.size(), putNanos / 1e6, heap / 1048576.0, (double) heap / t.size());

    byte[] a = b("d500");
    byte[] z = b("e500");
    byte[] leafA = b("d501/s501");
    byte[] leafZ = b("d501/x501");
    // warm up, then measure
    time(t, a, z, rounds / 4 + 1, false);
    double topRename = time(t, a, z, rounds, false);
    double leafRename = time(t, leafA, leafZ, rounds, false);
    double subtree = time(t, b("d502"), null, rounds, true);
    System.out.printf(Locale.ROOT, "rename of a directory with %d watches below it: %.3f ms%n",
        SUB, topRename);
    System.out.printf(Locale.ROOT, "rename of a leaf directory: %.3f ms%n", leafRename);
    System.out.printf(Locale.ROOT, "subtree of a directory with %d watches below it: %.3f ms%n",
        SUB, subtree);
    if (t.subtree(0, b("d500")).length != SUB + 1 || t.subtree(0, b("e500")).length != 0) {
      throw new AssertionError("renames did not come back");
    }
  }

  /** The median over {@code rounds} of one rename (to and back, halved) or one subtree call. */
  private static double time(WatchTable t, byte[] from, byte[] to, int rounds, boolean sub) {
    long[] ns = new long[rounds];
    long sink = 0;
    for (int r = 0; r < rounds; r++) {
      long s = System.nanoTime();
      if (sub) {
        sink += t.subtree(0, from).length;
      } else {
        t.rename(0, from, 0, to);
        t.rename(0, to, 0, from);
      }
      ns[r] = (System.nanoTime() - s) / (sub ? 1 : 2);
    }
    if (sink < 0) {
      System.out.println(sink);
    }
    Arrays.sort(ns);
    return ns[rounds / 2] / 1e6;
  }

  private static long usedAfterGc(Runtime rt) {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
