package org.syncspool.verify;

import java.util.HashSet;
import java.util.Set;
import org.syncspool.journal.ChronicleJournal;
import org.syncspool.batch.PathKey;

/** The {@link ChangeFeed} of a Chronicle journal: the daemon's own, or one opened read-only. */
public final class JournalChanges implements ChangeFeed {
  private final ChronicleJournal journal;

  public JournalChanges(ChronicleJournal journal) {
    this.journal = journal;
  }

  @Override
  public long mark() {
    return journal.lastIndex();
  }

  @Override
  public Set<PathKey> since(long mark, int rootId) {
    Set<PathKey> out = new HashSet<>();
    journal.readAfter(mark, b -> b.forEach((kind, dir, root, cookie, path, off, len) -> {
      if (root == rootId) {
        out.add(PathKey.copyOf(path, off, len));
      }
    }));
    return out;
  }
}
