package org.syncspool.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.syncspool.check.TargetCheck;
import org.syncspool.config.Config;
import org.syncspool.config.ConfigLoader;
import org.syncspool.config.FileChecks;
import org.syncspool.config.Target;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Connects to every target with rsync; one line each: what is wrong, or that it is fine. */
@Command(name = "check-targets", mixinStandardHelpOptions = true,
    description = {"Connect to every target with rsync: list it, write and delete a probe file "
        + "(.syncspool-probe-PID in its top directory). One line per target.",
        "Exit 0 when every target is fine, 1 when one is not, 78 for a configuration error."})
final class CheckTargetsCommand implements Callable<Integer> {
  /** Checks at once: each mostly waits on the network, and a slow host must not delay the rest. */
  private static final int PARALLEL = 8;

  @Mixin
  ConfigOption config;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Config c = ConfigLoader.load(config.file, LENIENT_PASSWORD_MODE);
    Rsync.requireInstalled();
    List<Target> targets = c.targets();
    Path work = Files.createTempDirectory("syncspool-check-");
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL, targets.size()));
    boolean allOk = true;
    try {
      TargetCheck check = new TargetCheck("rsync", Rsync.runner(), work);
      List<Future<TargetCheck.Report>> reports = new ArrayList<>();
      for (Target t : targets) {
        reports.add(pool.submit(() -> check.check(t)));
      }
      for (Future<TargetCheck.Report> f : reports) {
        TargetCheck.Report r = f.get();
        allOk &= r.ok();
        spec.commandLine().getOut().println(r.line());
        spec.commandLine().getOut().flush();
      }
    } finally {
      pool.shutdownNow();
      Files.deleteIfExists(work);
    }
    return allOk ? 0 : 1;
  }

  /**
   * A daemon target without a password file whose module wants a login: rsync would ask for the
   * password on the terminal and wait. An empty RSYNC_PASSWORD makes it answer "" and report
   * "auth failed" instead; a RSYNC_PASSWORD the operator set is kept, as the daemon would use it.
   */
  /**
   * The loader refuses a password file with group or other bits set; here that is one target's
   * diagnosis ({@link TargetCheck} checks the mode itself), not a reason to check nothing.
   */
  private static final FileChecks LENIENT_PASSWORD_MODE = new FileChecks() {
    @Override public boolean exists(Path path) {
      return FileChecks.SYSTEM.exists(path);
    }

    @Override public boolean isDirectory(Path path) {
      return FileChecks.SYSTEM.isDirectory(path);
    }

    @Override public boolean isRegularFile(Path path) {
      return FileChecks.SYSTEM.isRegularFile(path);
    }

    @Override public int owner(Path file) throws IOException {
      return FileChecks.SYSTEM.owner(file);
    }

    @Override public int uid() {
      return FileChecks.SYSTEM.uid();
    }

    @Override public Set<PosixFilePermission> permissions(Path file) throws IOException {
      Set<PosixFilePermission> owner = EnumSet.noneOf(PosixFilePermission.class);
      for (PosixFilePermission p : FileChecks.SYSTEM.permissions(file)) {
        if (p.name().startsWith("OWNER_")) {
          owner.add(p);
        }
      }
      return owner;
    }
  };
}
