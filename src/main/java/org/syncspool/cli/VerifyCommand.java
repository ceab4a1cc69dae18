package org.syncspool.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.syncspool.config.Config;
import org.syncspool.config.ConfigLoader;
import org.syncspool.config.Root;
import org.syncspool.config.Target;
import org.syncspool.journal.ChronicleJournal;
import org.syncspool.service.ExitCode;
import org.syncspool.service.FatalException;
import org.syncspool.service.TargetParts;
import org.syncspool.verify.AuditReport;
import org.syncspool.verify.Auditor;
import org.syncspool.verify.ChangeFeed;
import org.syncspool.verify.JournalChanges;
import org.syncspool.verify.SourceDirs;
import org.syncspool.verify.SystemLineRunner;
import org.syncspool.verify.TargetAudit;
import org.syncspool.watch.PathFilter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code syncspool verify}: audit every target against its source with an rsync dry run. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Compare every target with its source: an rsync dry run over the whole root "
        + "with the daemon's own options, filter and delete setting. Per target: OK, or the "
        + "drift per kind (missing, extra, content, size-time, mode, owner, symlink, type) "
        + "with the first paths of each (all with --json). Names that are not plain printable "
        + "UTF-8 are double-quoted with C escapes (\\xHH for a byte that is not UTF-8).",
        "Exit 0 when every target equals its source, 1 when drift was found, 69 when a target "
            + "cannot be reached (named on stderr), 78 for a configuration error."})
final class VerifyCommand implements Callable<Integer> {
  @Mixin
  ConfigOption config;

  @Option(names = "--target", paramLabel = "NAME",
      description = "Only this target (its name as in the config, e.g. 10.0.0.2::www, or its id).")
  String targetName;

  @Option(names = "--checksum", description = "Compare content by checksum too (reads every "
      + "file on both sides): finds changes that keep size and mtime.")
  boolean checksum;

  @Option(names = "--repair", description = "Journal the drifted paths, wait until every target "
      + "has them (through the running daemon, or by running the batches here when it is not "
      + "running), then verify again. Exit 0 only when clean.")
  boolean repair;

  @Option(names = "--timeout", paramLabel = "S", defaultValue = "600",
      description = "With --repair: give up waiting for the daemon after S seconds "
          + "(default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Option(names = "--parallel", paramLabel = "N",
      description = "Share each target's dry run out over up to N rsync processes at once, by "
          + "directory (default: the number of processors, at most 4; 1: one run, as the "
          + "scheduled audit does). Each process is a connection to a remote target.")
  Integer parallel;

  @Option(names = "--json", description = "The report as JSON, every drifted path listed; "
      + "a byte that is not UTF-8 is written as the lone surrogate \\udcXX (surrogateescape).")
  boolean json;

  @Option(names = "--state-dir", paramLabel = "DIR",
      description = "State directory; overrides <syncspool stateDir> (as given to run).")
  Path stateDir;

  @Spec
  CommandSpec spec;

  record Selected(Root root, Target target) {}

  @Override
  public Integer call() throws Exception {
    Logging.clientCommand();
    Config c = ConfigLoader.load(config.file);
    if (stateDir != null) {
      c = c.withStateDir(stateDir.toAbsolutePath());
    }
    List<Selected> targets = select(c);
    Rsync.requireInstalled();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<TargetAudit> audits = auditAll(c, targets, err);
    if (repair && audits.stream().anyMatch(a -> a.outcome() == TargetAudit.Outcome.DRIFT)) {
      if (!json) {
        out.print(AuditReport.text(audits));
        out.println("repairing ...");
        out.flush();
      }
      new Repair(c, err, timeoutSeconds).repair(targets, audits);
      audits = auditAll(c, targets, err);
    }
    out.print(json ? AuditReport.json(audits) : AuditReport.text(audits));
    out.flush();
    return exitCode(audits, err);
  }

  private int exitCode(List<TargetAudit> audits, PrintWriter err) {
    int code = 0;
    for (TargetAudit a : audits) {
      switch (a.outcome()) {
        case UNREACHABLE, SKIPPED -> {
          err.println("syncspool: target " + a.target() + " cannot be reached: " + a.detail());
          code = ExitCode.UNAVAILABLE.code();
        }
        case FAILED -> {
          err.println("syncspool: target " + a.target() + ": " + a.detail());
          code = code == 0 ? 1 : code;
        }
        case DRIFT -> code = code == 0 ? 1 : code;
        case OK -> { }
      }
    }
    err.flush();
    return code;
  }

  private List<Selected> select(Config c) throws FatalException {
    List<Selected> out = new ArrayList<>();
    for (Root r : c.roots()) {
      for (Target t : r.targets()) {
        if (targetName == null || targetName.equals(t.name()) || targetName.equals(t.id())) {
          out.add(new Selected(r, t));
        }
      }
    }
    if (out.isEmpty()) {
      throw new FatalException(ExitCode.USAGE, "no target called " + targetName + " in "
          + config.file + " (targets: " + String.join(", ", c.targets().stream()
          .map(Target::name).toList()) + ")");
    }
    return out;
  }

  private int parts() throws FatalException {
    if (parallel == null) {
      return Math.min(Runtime.getRuntime().availableProcessors(), 4);
    }
    if (parallel < 1) {
      throw new FatalException(ExitCode.USAGE, "--parallel must be 1 or more, not " + parallel);
    }
    return parallel;
  }

  /** One target at a time (the audit reads the whole tree: in parallel they would compete). */
  private List<TargetAudit> auditAll(Config c, List<Selected> targets, PrintWriter err)
      throws Exception {
    PathFilter filter = new PathFilter(c.excludes());
    Path journalDir = c.engine().journal();
    ChronicleJournal journal = null;
    if (Files.isDirectory(journalDir)) {
      try {
        journal = ChronicleJournal.openReadOnly(journalDir);
      } catch (IllegalArgumentException noJournal) {
        journal = null;
      }
    }
    try {
      ChangeFeed feed = journal == null ? ChangeFeed.NONE : new JournalChanges(journal);
      List<TargetAudit> audits = new ArrayList<>();
      for (Selected s : targets) {
        Auditor auditor = new Auditor(new SystemLineRunner(Rsync.environment()), filter,
            TargetParts.tree(s.root(), filter), c.engine().stateDir().resolve("tmp"), feed,
            System::currentTimeMillis)
            .parallel(parts(), new SourceDirs(s.root().watch(), filter))
            .progress((t, secs, n) -> {
              err.println("verify: " + t + ": " + secs + " s, " + n + " differences so far");
              err.flush();
            });
        audits.add(auditor.audit(s.target(), TargetParts.command(c, s.root(), s.target(),
            "rsync"), checksum));
      }
      return audits;
    } finally {
      if (journal != null) {
        journal.close();
      }
    }
  }
}
