package org.syncspool.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.syncspool.check.RsyncDiagnosis.Finding;
import org.syncspool.check.RsyncDiagnosis.Step;
import org.syncspool.config.Target;
import org.syncspool.batch.Batch;
import org.syncspool.transfer.BatchRuns;
import org.syncspool.batch.PathKey;
import org.syncspool.rsync.ProcessRunner;
import org.syncspool.rsync.RsyncCommand;
import org.syncspool.rsync.TargetAddress;
import org.syncspool.transfer.TreeLister;

/**
 * Checks one target the way the daemon will use it, with rsync itself: list the destination
 * (reachable, module known, login accepted), then push a probe file with the daemon's own batch
 * command line and delete it again the same way (writable, deletions work). The probe is named
 * {@code .syncspool-probe-PID} in the destination's top directory: a name reserved for this.
 */
public final class TargetCheck {
  /** The reserved name's prefix; the PID keeps two concurrent checks apart. */
  public static final String PROBE_PREFIX = ".syncspool-probe-";
  /** Seconds to wait for a connection: an unreachable host must not hold the check for minutes. */
  static final int CONNECT_TIMEOUT_SECONDS = 10;
  /** I/O timeout of the listing when the target sets none: a listing is a few packets. */
  static final int LIST_TIMEOUT_SECONDS = 30;

  private final String rsync;
  private final ProcessRunner runner;
  private final Path workDir;

  /**
   * @param rsync   the rsync binary
   * @param runner  runs it
   * @param workDir an existing private directory for the probe's source copy
   */
  public TargetCheck(String rsync, ProcessRunner runner, Path workDir) {
    this.rsync = rsync;
    this.runner = runner;
    this.workDir = workDir;
  }

  /** The outcome for one target: one line of {@code check-targets}. */
  public record Report(Target target, Diagnosis diagnosis, String detail, long millis) {
    public boolean ok() {
      return diagnosis == Diagnosis.OK;
    }

    /** {@code NAME: LABEL: HINT [DETAIL]}, or {@code NAME: ok: DETAIL}; one line. */
    public String line() {
      String where = target.name() + " (root " + target.rootId() + ")";
      if (ok()) {
        return where + ": ok: " + detail + " (" + millis + " ms)";
      }
      return where + ": " + diagnosis.label() + ": " + diagnosis.hint()
          + (detail.isEmpty() ? "" : " [" + detail.replace('\n', ' ') + "]");
    }
  }

  /** Runs the check; never throws for a target problem, only for an interrupt. */
  public Report check(Target target) throws InterruptedException {
    long start = System.nanoTime();
    Report r;
    try {
      r = run(target);
    } catch (IOException e) {
      r = new Report(target, Diagnosis.OTHER, "cannot run rsync: " + e.getMessage(), 0);
    }
    return new Report(target, r.diagnosis(), r.detail(), (System.nanoTime() - start) / 1_000_000);
  }

  private Report run(Target t) throws IOException, InterruptedException {
    if (t.mode() == Target.Mode.DAEMON && t.passwordFile() != null) {
      Report bad = passwordFileMode(t);
      if (bad != null) {
        return bad;
      }
    }
    if (t.mode() == Target.Mode.LOCAL && !Files.exists(t.localPath())) {
      Path parent = t.localPath().getParent();
      return parent != null && Files.isDirectory(parent)
          ? new Report(t, Diagnosis.OK, t.localPath() + " does not exist yet; the first sync "
              + "creates it in " + parent, 0)
          : new Report(t, Diagnosis.DESTINATION_MISSING, "neither " + t.localPath()
              + " nor its parent exists", 0);
    }
    ProcessRunner.Result list = runner.run(listArgv(t, "."), ProcessRunner.StdinWriter.NONE);
    if (list.exitCode() != 0) {
      return failed(t, Step.LIST, list);
    }
    String probe = PROBE_PREFIX + ProcessHandle.current().pid();
    String kept = probe + "-kept";
    Path source = Files.createTempDirectory(workDir, "probe");
    try {
      for (String name : List.of(probe, kept)) {
        Files.writeString(source.resolve(name),
            "written by syncspool check-targets; deleted right after; safe to delete\n");
      }
      // The daemon's own batch runs (BatchRuns): first as this target runs them, then with
      // deletions on, a batch that changes one path and deletes one listed after it: the shape
      // Debian 12's rsync 3.2.7 refused when deletions went by --delete-missing-args (issue 17).
      Batch both = new Batch(List.of(PathKey.of(probe), PathKey.of(kept)), List.of(), false,
          false, 0);
      ProcessRunner.Result write = runs(t, source).run(both);
      if (write.exitCode() != 0) {
        return failed(t, Step.PROBE_WRITE, write);
      }
      Files.delete(source.resolve(probe));
      Files.writeString(source.resolve(kept), "changed\n");
      ProcessRunner.Result remove = runs(withDelete(t), source).run(both);
      if (remove.exitCode() == 0) {
        Files.delete(source.resolve(kept));
        remove = runs(withDelete(t), source).run(new Batch(List.of(PathKey.of(kept)), List.of(),
            false, false, 0));
      }
      if (remove.exitCode() != 0) {
        Finding f = RsyncDiagnosis.diagnose(t.mode(), Step.PROBE_REMOVE, remove.exitCode(),
            remove.stderrTail());
        return new Report(t, f.diagnosis(), probe + ": " + f.detail(), 0);
      }
      // A daemon with "refuse options = delete*" skips the delete and still exits 0 (rsync
      // 3.5.0 says only "skipping non-regular file"): look whether the probe is really gone.
      for (String name : List.of(probe, kept)) {
        ProcessRunner.Result still = runner.run(listArgv(t, name),
            ProcessRunner.StdinWriter.NONE);
        if (still.exitCode() == 0) {
          return new Report(t, Diagnosis.PROBE_LEFT, name + " is still there after rsync deleted "
              + "it without an error: the target skips deletions (refuse options = delete* in "
              + "rsyncd.conf?), so deleted files would stay on it", 0);
        }
      }
      return new Report(t, Diagnosis.OK, "listed; probe " + probe + " written and removed, "
          + "with a change listed before the deletion", 0);
    } finally {
      Files.deleteIfExists(source.resolve(probe));
      Files.deleteIfExists(source.resolve(kept));
      Files.deleteIfExists(source);
    }
  }

  private BatchRuns runs(Target t, Path source) {
    return new BatchRuns(t, new RsyncCommand(rsync, t, source.toString()), runner,
        TreeLister.UNFILTERED, workDir, 1); // its rules file: created and removed there
  }

  private static Report failed(Target t, Step step, ProcessRunner.Result r) {
    Finding f = RsyncDiagnosis.diagnose(t.mode(), step, r.exitCode(), r.stderrTail());
    return new Report(t, f.diagnosis(), f.detail(), 0);
  }

  /**
   * The same rule as the config loader (no group or other bits): rsync itself only refuses
   * other-readable files, but a 640 file the daemon would refuse to start with is no "ok".
   */
  private static Report passwordFileMode(Target t) {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(t.passwordFile());
      for (PosixFilePermission p : perms) {
        if (p.name().startsWith("GROUP_") || p.name().startsWith("OTHERS_")) {
          return new Report(t, Diagnosis.PASSWORD_FILE_MODE, t.passwordFile() + " is "
              + PosixFilePermissions.toString(perms) + " (chmod 600 " + t.passwordFile() + ")", 0);
        }
      }
      return null;
    } catch (NoSuchFileException e) {
      return new Report(t, Diagnosis.PASSWORD_FILE_UNREADABLE, t.passwordFile()
          + " does not exist", 0);
    } catch (IOException | UnsupportedOperationException e) {
      return new Report(t, Diagnosis.PASSWORD_FILE_UNREADABLE, t.passwordFile() + ": " + e, 0);
    }
  }

  /**
   * {@code rsync --list-only -d DEST/NAME}: one line for {@code NAME} in the destination's top
   * directory ({@code .}: the directory itself, however big it is). Bounded waits so an
   * unreachable host is a diagnosis, not a hang.
   */
  List<String> listArgv(Target t, String name) {
    List<String> argv = new ArrayList<>(List.of(rsync, "--list-only", "-d"));
    int timeout = t.timeoutSeconds() != null ? t.timeoutSeconds() : LIST_TIMEOUT_SECONDS;
    argv.add("--timeout=" + timeout);
    if (t.mode() == Target.Mode.DAEMON) {
      argv.add("--contimeout=" + CONNECT_TIMEOUT_SECONDS);
      if (t.passwordFile() != null) {
        argv.add("--password-file=" + t.passwordFile());
      }
    }
    if (t.mode() == Target.Mode.SSH) {
      argv.add("-e");
      argv.add(TargetAddress.sshCommand(t, List.of())
          + " -o ConnectTimeout=" + CONNECT_TIMEOUT_SECONDS);
    }
    argv.add(TargetAddress.destination(t) + name);
    return argv;
  }

  private static Target withDelete(Target t) {
    return new Target(t.id(), t.name(), t.rootId(), t.mode(), t.host(), t.module(), t.localPath(),
        t.port(), t.user(), t.passwordFile(), t.params(), t.timeoutSeconds(), true, t.sshConfig(),
        t.standby());
  }
}
