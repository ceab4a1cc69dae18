package org.syncspool.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.syncspool.journal.JournalReader;
import org.syncspool.service.ExitCode;
import org.syncspool.service.FatalException;
import org.syncspool.watch.EventBatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code syncspool journal tail}: the latest records, and with {@code -f} those that follow. */
@Command(name = "tail", mixinStandardHelpOptions = true,
    description = "Print each target's cursor line and the events of the latest records; with "
        + "--follow, keep printing new records as the watcher journals them (until Ctrl-C).")
final class JournalTail implements Callable<Integer> {
  /** How often --follow looks for new records: a person reads the output, 0.2 s is immediate. */
  private static final long FOLLOW_POLL_MILLIS = 200;

  @Mixin
  JournalCommand.Options options;

  @Option(names = {"-n", "--records"}, paramLabel = "N", defaultValue = "10",
      description = "Start with the last N records (default: ${DEFAULT-VALUE}; one record is "
          + "what one read from the kernel journaled, one or more events).")
  int records;

  @Option(names = {"-f", "--follow"}, description = "Keep printing new records.")
  boolean follow;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Logging.clientCommand();
    if (records < 0) {
      throw new FatalException(ExitCode.USAGE, "-n must not be negative");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (JournalCommand.View view = new JournalCommand.View(options);
         JournalReader reader = view.journal.reader()) {
      view.printCursors(out);
      reader.lastRecords(records);
      Long mark = view.markAt();
      boolean marked = false;
      EventBatch b = new EventBatch();
      while (true) {
        while (reader.next(b)) {
          marked = view.print(out, reader, b, mark, marked);
        }
        out.flush();
        if (!follow || Thread.currentThread().isInterrupted()) {
          return 0;
        }
        try {
          Thread.sleep(FOLLOW_POLL_MILLIS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return 0;
        }
      }
    }
  }
}
