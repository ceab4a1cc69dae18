package org.syncspool.journal;

import java.nio.file.Path;

/**
 * Child process for {@link KillDurabilityTest}: appends {@code n} records to the journal in
 * {@code dir}, commits cursor {@code name} after {@code k} of them, reads (without committing)
 * a few more, prints READY and waits to be killed with SIGKILL. Nothing is closed on purpose.
 */
public final class KillChild {
  private KillChild() {
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    int k = Integer.parseInt(args[2]);
    String name = args[3];
    ChronicleJournal journal = ChronicleJournal.open(dir);
    Batches.append(journal, 0, n);
    Cursor cursor = journal.cursor(name);
    if (Batches.read(cursor, k).size() != k) {
      throw new IllegalStateException("could not read " + k + " records");
    }
    cursor.commit();
    Batches.read(cursor, 5); // read ahead, never committed: must come again after the kill
    System.out.println("READY");
    System.out.flush();
    Thread.sleep(60_000);
    System.exit(3); // not killed: the test failed to kill us
  }
}
