package org.syncspool.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.syncspool.config.Config;
import org.syncspool.config.ConfigLoader;
import org.syncspool.config.Root;
import org.syncspool.config.Target;
import org.syncspool.inspect.JournalLines;
import org.syncspool.journal.ChronicleJournal;
import org.syncspool.journal.JournalReader;
import org.syncspool.service.ExitCode;
import org.syncspool.service.FatalException;
import org.syncspool.worker.CursorNames;
import org.syncspool.watch.EventBatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code syncspool journal tail|dump}: what the watcher journaled and where each target's cursor
 * stands, for support. Opens the journal read-only: safe while the daemon runs, moves no cursor.
 */
@Command(name = "journal", mixinStandardHelpOptions = true,
    description = {"Show what the watcher journaled (time, record, root, kind, path) and where "
        + "each target's cursor stands. Read-only: safe while the daemon runs.",
        "Lines: TIME INDEX ROOT KIND PATH; PATH escaped (\\\\, \\n, \\xNN for other control "
            + "characters and bytes that are not UTF-8). Cursor lines start with #."},
    subcommands = {JournalTail.class, JournalDump.class})
final class JournalCommand {

  /** What both subcommands take. */
  static final class Options {
    @Mixin
    ConfigOption config;

    @Option(names = "--state-dir", paramLabel = "DIR",
        description = "State directory; overrides <syncspool stateDir> (as given to run).")
    Path stateDir;

    @Option(names = "--target", paramLabel = "NAME",
        description = "Only this target's root and cursor (its name as in the config, or its id); "
            + "a line marks where its cursor stands.")
    String target;
  }

  /** The journal opened read-only, and the targets asked about. */
  static final class View implements AutoCloseable {
    final ChronicleJournal journal;
    final List<Target> targets = new ArrayList<>();
    /** The root to show, -1 for all. */
    final int root;
    private final Config config;

    View(Options o) throws Exception {
      Config c = ConfigLoader.load(o.config.file);
      config = o.stateDir == null ? c : c.withStateDir(o.stateDir.toAbsolutePath());
      for (Target t : config.targets()) {
        if (o.target == null || o.target.equals(t.name()) || o.target.equals(t.id())) {
          targets.add(t);
        }
      }
      if (targets.isEmpty()) {
        throw new FatalException(ExitCode.USAGE, "no target called " + o.target + " in "
            + o.config.file + " (targets: " + String.join(", ",
            config.targets().stream().map(Target::name).toList()) + ")");
      }
      root = o.target == null ? -1 : targets.get(0).rootId();
      Path dir = config.engine().journal();
      try {
        journal = ChronicleJournal.openReadOnly(dir);
      } catch (IllegalArgumentException e) {
        throw new FatalException(ExitCode.CANTCREAT, "no journal in " + dir
            + " (has the daemon run with this config and state directory?)");
      }
    }

    /** The committed position of the one target asked about, or null when all are shown. */
    Long markAt() {
      return root < 0 ? null : journal.committedIndex(CursorNames.of(targets.get(0).id()));
    }

    void printCursors(PrintWriter out) {
      for (Root r : config.roots()) {
        out.println("# root " + r.id() + ": " + r.watch());
      }
      try (JournalReader at = journal.reader()) {
        EventBatch first = new EventBatch(256);
        for (Target t : targets) {
          String name = CursorNames.of(t.id());
          long committed = journal.committedIndex(name);
          long backlog = journal.backlog(name);
          long oldest = 0;
          if (backlog > 0) {
            at.moveTo(committed);
            oldest = at.next(first) ? first.timeMillis() : 0;
          }
          out.println(JournalLines.cursor(t.name(), t.rootId(),
              committed == Long.MIN_VALUE ? null : journal.indexText(committed), backlog, oldest));
        }
      }
    }

    /** Prints one record's lines, after the cursor mark when this record is the first past it. */
    boolean print(PrintWriter out, JournalReader reader, EventBatch b, Long mark, boolean marked) {
      boolean now = marked;
      if (!now && mark != null && (mark == Long.MIN_VALUE || reader.index() >= mark)) {
        out.println("# ---- " + targets.get(0).name()
            + "'s cursor: the records below are not yet on the target");
        now = true;
      }
      StringBuilder sb = new StringBuilder();
      JournalLines.append(sb, journal.indexText(reader.index()), b, root);
      out.print(sb);
      return now;
    }

    @Override
    public void close() {
      journal.close();
    }
  }
}
