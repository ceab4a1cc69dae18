package org.syncspool.changelog;

import java.util.function.Function;
import org.syncspool.text.PathEscape;
import org.syncspool.batch.Batch;
import org.syncspool.batch.PathKey;
import org.syncspool.worker.WorkerListener.BatchReport;

/**
 * One batch's lines: {@code TIME TARGET EVENT PATH}, one per path. Pure: the time is already
 * formatted and what a flat path is now on the source comes from {@code sourceType}.
 *
 * <p>A batch is a set of dirty paths, not of events (docs/architecture.md, The flow), so EVENT is
 * derived, in inotifywait's words: a path sent with its subtree is {@code CREATE,ISDIR} (new or
 * moved-in directory); a path gone from the source is {@code DELETE} (rsync deleted it on the
 * target); an existing directory sent alone is {@code ATTRIB,ISDIR}; anything else {@code MODIFY}.
 * A directory whose entries the start-up scan reconciled is {@code RESCAN,ISDIR}. A full sync is
 * one line, {@code FULL_SYNC .}. A failed attempt appends {@code ,FAILED}.
 */
final class ChangeLines {
  private ChangeLines() {}

  /** What a flat path is on the source when the line is written. */
  enum SourceType { MISSING, DIRECTORY, OTHER }

  static void append(StringBuilder out, String time, BatchReport report,
                     Function<PathKey, SourceType> sourceType) {
    String target = escape(report.target().name()).replace(" ", "\\x20");
    String mark = report.succeeded() ? "" : ",FAILED";
    Batch b = report.batch();
    if (b.fullSync()) {
      line(out, time, target, "FULL_SYNC" + mark, ".");
      return;
    }
    for (PathKey p : b.listings()) {
      line(out, time, target, "RESCAN,ISDIR" + mark, p.printable());
    }
    for (PathKey p : b.subtrees()) {
      line(out, time, target, "CREATE,ISDIR" + mark, p.printable());
    }
    for (PathKey p : b.flat()) {
      String event = switch (sourceType.apply(p)) {
        case MISSING -> "DELETE";
        case DIRECTORY -> "ATTRIB,ISDIR";
        case OTHER -> "MODIFY";
      };
      line(out, time, target, event + mark, p.printable());
    }
  }

  private static void line(StringBuilder out, String time, String target, String event,
                           String path) {
    out.append(time).append(' ').append(target).append(' ').append(event).append(' ')
        .append(path).append('\n');
  }

  /** The one escaping of names (docs/security.md): a name with a newline stays on its line. */
  static String escape(String s) {
    return PathEscape.text(s);
  }
}
