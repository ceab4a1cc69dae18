package org.syncspool.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.io.ClosedIllegalStateException;
import net.openhft.chronicle.core.values.LongValue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.syncspool.watch.EventBatch;
import org.jspecify.annotations.Nullable;

/**
 * A cursor whose durable position is a Chronicle named tailer's persisted index (the table-store
 * entry {@code index.<name>} in {@code metadata.cq4t} that {@code createTailer(name)} resumes
 * from), but which never reads through the named tailer. Verified in NamedTailerBehaviourTest:
 * <ul>
 *   <li>every read through a named tailer persists its index at once, so reads there would be
 *       commits; we read through a plain tailer instead;</li>
 *   <li>{@code moveToIndex} on a named tailer to the slot just past the last record of a
 *       finished cycle (where a tailer stands after reading that record) returns false, and
 *       whether it persisted depends on its internal path (not when the target cycle has no
 *       file), so commit does not use it: it writes the index value itself, exactly what the
 *       named tailer would have stored after reading the same records, and a named tailer
 *       created later resumes from it.</li>
 * </ul>
 * The value is a write to a mapped page: it survives kill -9 (page cache), not power loss.
 *
 * <p>Used by one thread at a time; {@link #backlog()} may be called from any thread.
 */
final class ChronicleCursor implements Cursor {
  /** Never committed: read from the start of the journal. */
  static final long NONE = Long.MIN_VALUE;

  private final ChronicleJournal journal;
  private final SingleChronicleQueue queue;
  private final String name;
  private final @Nullable LongValue stored; // null when the journal is read-only
  private final ExcerptTailer reader;
  private volatile long committed;
  private long readUpTo = NONE; // reader.index() after the latest next(); NONE if none since rewind

  ChronicleCursor(ChronicleJournal journal, String name) {
    this.journal = journal;
    this.queue = journal.queue();
    this.name = name;
    this.stored = journal.readOnly() ? null : queue.indexForId(name);
    this.committed = stored == null ? journal.committedIndex(name) : normalize(stored.getVolatileValue());
    this.reader = queue.createTailer();
    // Workers are not the threads that open cursors: let the first user own the tailer.
    reader.singleThreadedCheckDisabled(true);
    position();
  }

  /**
   * {@inheritDoc}
   *
   * <p>A record that is not a batch we wrote ({@link EventBatch#problem()}), or one Chronicle
   * fails to read, is damage: reported to the journal's damage handler (the daemon's ends the
   * process so that the next start moves the journal aside), then thrown, never handed on.
   */
  @Override
  public boolean next(EventBatch into) {
    long at = -1;
    try (DocumentContext dc = reader.readingDocument()) {
      if (!dc.isPresent()) {
        return false;
      }
      at = dc.index();
      Bytes<?> bytes = dc.wire().bytes();
      int len = (int) bytes.readRemaining();
      if (len < EventBatch.HEADER) {
        throw journal.damaged(at, len + " bytes, shorter than a record header", null);
      }
      bytes.read(into.prepareLoad(len), 0, len);
      into.loaded(len);
      String problem = into.problem();
      if (problem != null) {
        throw journal.damaged(at, problem, null);
      }
    } catch (JournalDamagedException | ClosedIllegalStateException e) {
      throw e; // closed: the daemon is stopping, not damage
    } catch (RuntimeException | InternalError e) {
      throw journal.damaged(at < 0 ? reader.index() : at, e.toString(), e);
    }
    readUpTo = reader.index();
    return true;
  }

  @Override
  public void commit() {
    long upTo = readUpTo;
    if (upTo == NONE || upTo == committed) {
      return;
    }
    if (stored == null) {
      throw new UnsupportedOperationException("journal opened read-only: cannot commit " + name);
    }
    stored.setOrderedValue(upTo);
    committed = upTo;
  }

  @Override
  public long mark() {
    long upTo = readUpTo;
    return upTo == NONE ? committed : upTo;
  }

  @Override
  public void commitTo(long mark) {
    // Chronicle's indexes grow with the cycle in the high bits: a later record has a larger one.
    if (mark == NONE || (committed != NONE && mark <= committed)) {
      return;
    }
    if (stored == null) {
      throw new UnsupportedOperationException("journal opened read-only: cannot commit " + name);
    }
    stored.setOrderedValue(mark);
    committed = mark;
  }

  @Override
  public void rewind() {
    position();
  }

  @Override
  public void skipToEnd() {
    reader.toEnd();
    // An empty journal has no index to stand on: nothing to skip, nothing to commit.
    long end = reader.index();
    readUpTo = queue.lastIndex() < 0 ? NONE : end;
  }

  @Override
  public boolean behindRetention() {
    long at = committedNow();
    long first = queue.firstIndex();
    // NONE reads from the first record there is: retention never deletes a cycle a configured
    // cursor has not passed, and marks the cursors of removed targets it passes (see Retention).
    return at != NONE && first != Long.MAX_VALUE && at < first;
  }

  @Override
  public long backlog() {
    return backlog(queue, committedNow());
  }

  /** Read-only: the writer process may have committed since, so ask the table store again. */
  private long committedNow() {
    return stored == null ? journal.committedIndex(name) : committed;
  }

  @Override
  public long committedIndex() {
    return committed; // NONE is Long.MIN_VALUE, as the interface says
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void close() {
    closeTailer();
    journal.closed(this);
  }

  void closeTailer() {
    reader.close();
  }

  private void position() {
    readUpTo = NONE;
    long at = committedNow();
    committed = at;
    if (at == NONE) {
      reader.toStart();
    } else {
      // False when `at` is the end of the journal or just past the last record of a finished
      // cycle; the tailer is then still placed to read the next record when there is one.
      reader.moveToIndex(at);
    }
  }

  /** Records at or after index {@code from} ({@link #NONE}: all records). */
  static long backlog(SingleChronicleQueue queue, long from) {
    long last = queue.lastIndex();
    long first = queue.firstIndex();
    if (last < 0 || first == Long.MAX_VALUE) {
      return 0; // empty journal
    }
    // Retention may have deleted the cycle a slow cursor is in: count what is left.
    long start = Math.max(from, first);
    return start > last ? 0 : queue.countExcerpts(start, last + 1);
  }

  /** Chronicle leaves 0 or Long.MIN_VALUE in a named tailer's index until it is first moved. */
  static long normalize(long index) {
    return index == 0 || index == Long.MIN_VALUE ? NONE : index;
  }
}
