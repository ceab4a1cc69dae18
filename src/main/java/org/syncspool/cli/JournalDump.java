package org.syncspool.cli;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import org.syncspool.inspect.SinceTime;
import org.syncspool.journal.JournalReader;
import org.syncspool.service.ExitCode;
import org.syncspool.service.FatalException;
import org.syncspool.watch.EventBatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code syncspool journal dump}: every record still in the journal, oldest first. */
@Command(name = "dump", mixinStandardHelpOptions = true,
    description = "Print every journaled event still in the journal (retention keeps "
        + "<syncspool retentionHours>), oldest first, after each target's cursor line.")
final class JournalDump implements Callable<Integer> {
  @Mixin
  JournalCommand.Options options;

  @Option(names = "--since", paramLabel = "TIME",
      description = "Only records journaled at or after TIME: 2026-12-01T22:00:00Z, "
          + "2026-12-01 22:00 (local time), 2026-12-01, or an age (90s, 15m, 2h, 1d).")
  String since;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Logging.clientCommand();
    long from = Long.MIN_VALUE;
    if (since != null) {
      try {
        from = SinceTime.parse(since, System.currentTimeMillis(), ZoneId.systemDefault());
      } catch (IllegalArgumentException e) {
        throw new FatalException(ExitCode.USAGE, e.getMessage());
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    try (JournalCommand.View view = new JournalCommand.View(options);
         JournalReader reader = view.journal.reader()) {
      view.printCursors(out);
      Long mark = view.markAt();
      boolean marked = false;
      EventBatch b = new EventBatch();
      while (reader.next(b)) {
        if (b.timeMillis() >= from) {
          marked = view.print(out, reader, b, mark, marked);
        }
      }
    }
    out.flush();
    return 0;
  }
}
