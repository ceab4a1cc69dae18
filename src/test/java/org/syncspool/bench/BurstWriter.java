package org.syncspool.bench;

import java.io.FileOutputStream;
import java.io.IOException;

/**
 * WatchBurst's writer when gcc is missing: the same loop as bench/burst.c (create an empty file,
 * close it; round-robin over the directories), in a child JVM so it does not share the watcher's
 * JIT and GC. Usage: {@code BurstWriter N DIR...}; prints the creation time in ms.
 */
public final class BurstWriter {
  private BurstWriter() {
  }

  public static void main(String[] args) throws IOException {
    long n = Long.parseLong(args[0]);
    int dirs = args.length - 1;
    long t0 = System.nanoTime();
    for (long i = 0; i < n; i++) {
      String path = args[1 + (int) (i % dirs)] + "/f" + String.format("%06d", i);
      new FileOutputStream(path).close();
    }
    System.out.printf(java.util.Locale.ROOT, "%.1f%n", (System.nanoTime() - t0) / 1e6);
  }
}
