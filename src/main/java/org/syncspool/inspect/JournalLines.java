package org.syncspool.inspect;

import org.syncspool.text.PathEscape;
import java.time.Instant;
import org.syncspool.watch.EventBatch;

/**
 * One line per journaled event: {@code TIME INDEX ROOT KIND PATH}, e.g.
 * {@code 2026-12-01T22:40:01.123Z 493870:3 0 MOVED_TO,ISDIR#7 dir/new}. TIME is when the
 * watcher read the record from the kernel (UTC), INDEX the record's journal index (as the
 * cursor lines print it), ROOT the {@code <localpath>}'s position in the config, KIND the event
 * ({@code ,ISDIR} for a directory, {@code #COOKIE} pairs a rename), PATH relative to the root
 * ({@code .} for the root itself) and escaped by {@link PathEscape}. Lines about cursors start
 * with {@code #}. Pure.
 */
public final class JournalLines {
  private JournalLines() {}

  /**
   * Appends the lines of {@code batch} whose root is {@code rootOnly} ({@code -1}: every root).
   *
   * @return how many lines were appended
   */
  public static int append(StringBuilder out, String index, EventBatch batch, int rootOnly) {
    String time = Instant.ofEpochMilli(batch.timeMillis()).toString();
    int[] lines = {0};
    batch.forEach((kind, dir, root, cookie, path, off, len) -> {
      if (rootOnly >= 0 && root != rootOnly) {
        return;
      }
      out.append(time).append(' ').append(index).append(' ').append(root).append(' ')
          .append(kind.name());
      if (dir) {
        out.append(",ISDIR");
      }
      if (cookie != 0) {
        out.append('#').append(Integer.toUnsignedString(cookie));
      }
      out.append(' ').append(len == 0 ? "." : PathEscape.escape(path, off, len)).append('\n');
      lines[0]++;
    });
    return lines[0];
  }

  /**
   * Where a target's cursor stands: {@code # cursor NAME (root N): at INDEX, B records not yet
   * on the target[, oldest from TIME]}; {@code at start} when it never committed.
   *
   * @param index         the committed position as text, null when never committed
   * @param oldestPending the time of the first record not yet consumed, 0 when none
   */
  public static String cursor(String target, int root, String index, long backlog,
                              long oldestPending) {
    StringBuilder sb = new StringBuilder("# cursor ").append(target).append(" (root ")
        .append(root).append("): ").append(index == null ? "at start" : "at " + index)
        .append(", ");
    if (backlog == 0) {
      sb.append("caught up");
    } else {
      sb.append(backlog).append(backlog == 1 ? " record" : " records")
          .append(" not yet on the target");
      if (oldestPending > 0) {
        sb.append(", oldest from ").append(Instant.ofEpochMilli(oldestPending));
      }
    }
    return sb.toString();
  }
}
