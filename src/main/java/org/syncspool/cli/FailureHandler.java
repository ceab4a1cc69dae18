package org.syncspool.cli;

import org.syncspool.config.ConfigException;
import org.syncspool.service.ExitCode;
import org.syncspool.service.FatalException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Turns what a command threw into ONE line on stderr and a distinct exit code; no stack traces. */
final class FailureHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
    if (ex instanceof ConfigException ce) {
      return fail(cl, ce.getMessage(), ExitCode.CONFIG);
    }
    if (ex instanceof FatalException fe) {
      return fail(cl, fe.getMessage(), fe.exitCode());
    }
    // A bug: one line for the operator; the stack trace for the report, when asked for.
    LoggerFactory.getLogger(FailureHandler.class).debug("unexpected failure", ex);
    return fail(cl, "internal error: " + ex
        + " (run with -Dsyncspool.debug=true or <debug start=\"true\"/> for the stack trace)",
        ExitCode.SOFTWARE);
  }

  static int fail(CommandLine cl, String message, ExitCode code) {
    // Under systemd, stderr is the journal: the line is an error there (journalctl -p err), not
    // the default info (cli/JournalEncoder.java).
    String priority = JournalEncoder.connected(System.getenv("JOURNAL_STREAM"),
        JournalEncoder.fdLink(2)) ? JournalEncoder.prefix(ch.qos.logback.classic.Level.ERROR) : "";
    cl.getErr().println(priority + "syncspool: " + message.replace('\n', ' '));
    cl.getErr().flush();
    return code.code();
  }
}
