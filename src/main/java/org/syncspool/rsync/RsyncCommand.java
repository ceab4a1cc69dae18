package org.syncspool.rsync;

import org.syncspool.batch.PathKey;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.syncspool.config.Target;
import org.jspecify.annotations.Nullable;

/**
 * Builds rsync argv lists (never a shell string: docs/architecture.md, Rsync techniques). Pure.
 *
 * <p>Batch run: {@code rsync PARAMS (--no-r | -r [--delete]) --from0 --files-from=-
 * [--force] --ignore-missing-args [--timeout=N] [--password-file=F] [-e "ssh ..."] SRC/ DEST/},
 * the batch's paths NUL-separated on stdin; what is gone on the source goes to the deletion run
 * ({@link #deletions}).
 *
 * <p>Full sync: {@code rsync PARAMS -r [--delete --force] --from0 --exclude-from=- ... SRC/ DEST/}
 * with one anchored exclude rule per excluded path on stdin (our excludes are regexes, which
 * rsync cannot evaluate, so the daemon lists what they match: {@link FilterRules}).
 */
public final class RsyncCommand {
  private final String rsync;
  private final Target target;
  private final String source;
  private final List<String> periodicExcludes;
  /** More {@code -o} options for ssh targets' ssh (ssh.ControlMaster's connection sharing). */
  private final List<String> sshOptions;
  /** The day a run's versions go under ({@link Versions}); a test gives another clock. */
  private final java.time.Clock clock;

  /**
   * @param rsync  the rsync binary (a name looked up in PATH, or a path)
   * @param target where to
   * @param source the root directory
   */
  public RsyncCommand(String rsync, Target target, String source) {
    this(rsync, target, source, List.of());
  }

  /**
   * @param periodicExcludes sersync's {@code <crontabfilter>} rsync globs: left out of the
   *                         periodic full sync only (never out of a recovery full sync)
   */
  public RsyncCommand(String rsync, Target target, String source, List<String> periodicExcludes) {
    this(rsync, target, source, periodicExcludes, List.of(), java.time.Clock.systemUTC());
  }

  private RsyncCommand(String rsync, Target target, String source, List<String> periodicExcludes,
                       List<String> sshOptions, java.time.Clock clock) {
    this.clock = clock;
    this.rsync = rsync;
    this.target = target;
    this.source = source.endsWith("/") ? source : source + "/";
    this.periodicExcludes = List.copyOf(periodicExcludes);
    this.sshOptions = List.copyOf(sshOptions);
  }

  /** The same commands with {@code -o OPTION} for each of {@code options} in ssh's command. */
  public RsyncCommand withSshOptions(List<String> options) {
    return new RsyncCommand(rsync, target, source, periodicExcludes, options, clock);
  }

  /** The root directory the runs copy from, ending in a slash. */
  public String sourceDir() {
    return source;
  }

  /** The same commands with {@code c} as the clock whose UTC day names the versions folder. */
  RsyncCommand withClock(java.time.Clock c) {
    return new RsyncCommand(rsync, target, source, periodicExcludes, sshOptions, c);
  }

  /**
   * Deletes the target's version folders older than {@code keepVersions} through rsync itself
   * (no shell on the target): an empty directory synced over {@code .syncspool-versions/} with
   * {@code --delete}, the days to keep protected.
   */
  public List<String> pruneVersions(java.nio.file.Path emptyDir) {
    List<String> argv = new ArrayList<>(List.of(rsync, "-r", "--delete"));
    for (String day : Versions.keptDays(java.time.LocalDate.now(clock),
        target.keepVersionsMillis())) {
      argv.add("--filter=P /" + day + "/");
    }
    return tail(argv, emptyDir + "/", destination() + Versions.DIR + "/", null);
  }

  /** A run over the paths given on stdin; {@code recursive} sends listed directories whole. */
  public List<String> batch(boolean recursive) {
    return batch(recursive, null);
  }

  /**
   * As {@link #batch(boolean)}, with exclude rules read from {@code excludeFrom} (NUL-separated,
   * like stdin under --from0): a recursive run must not send what the filter excludes inside a
   * new subtree.
   */
  public List<String> batch(boolean recursive, @Nullable Path excludeFrom) {
    List<String> argv = head();
    if (recursive) {
      argv.add("-r");
      if (target.delete()) {
        // Inside a listed directory, --delete removes what is no longer on the source.
        argv.add("--delete");
      }
    } else {
      // --files-from switches -a's recursion off, but an explicit -r in commonParams (sersync's
      // default is -artuz) would switch it back on and resend whole directories.
      argv.add("--no-r");
    }
    argv.add("--from0");
    if (excludeFrom != null) {
      argv.add("--exclude-from=" + excludeFrom);
    }
    argv.add("--files-from=-");
    if (target.delete()) {
      argv.add("--force"); // a directory replaced by a file on the source: delete the old one
    }
    // A listed path that is gone on the source is skipped here; the deletion run removes it.
    // Not --delete-missing-args: Debian 12's rsync 3.2.7-1+deb12u6 (and others carrying the
    // fix for RsyncProject/rsync#910) rejects its mode-0 entries after any other entry ("invalid
    // file mode 00", exit 2), so a batch holding a deletion failed whole.
    argv.add("--ignore-missing-args");
    return tail(argv);
  }

  /**
   * Deletions, without {@code --delete-missing-args}: {@code -d --delete} over the parent
   * directories listed on stdin as {@code /DIR/.} ({@code /.} for the root), with the merge
   * file {@code rules} ({@code transfer.DeletionRules}) naming what may go: the gone names included, the
   * rest of each listed directory excluded (so protected from {@code --delete} and not sent).
   * Parents that are gone themselves are skipped ({@code --ignore-missing-args}): their own
   * deletion covers them. Works the same with rsync 3.1.3 to 3.5.0 (verified by hand with 3.5.0
   * and Debian's 3.2.7-1+deb12u6).
   */
  public List<String> deletions(Path rules) {
    List<String> argv = head();
    argv.add("--no-r");
    argv.add("-d");
    argv.add("--delete");
    argv.add("--force");
    argv.add("--from0");
    argv.add("--files-from=-");
    argv.add("--filter=merge " + rules);
    argv.add("--ignore-missing-args");
    return tail(argv);
  }

  /**
   * Deletion only, inside the directories listed on stdin: {@code --existing --ignore-existing}
   * transfers nothing, {@code --delete} removes what the source no longer has, and the exclude
   * rules in {@code excludeFrom} (if any) protect excluded paths on the target. Used when a filter
   * forbids sending new subtrees with plain {@code -r}.
   */
  public List<String> deleteOnly(@Nullable Path excludeFrom) {
    List<String> argv = head();
    argv.add("-r");
    argv.add("--existing");
    argv.add("--ignore-existing");
    argv.add("--delete");
    argv.add("--force");
    argv.add("--from0");
    if (excludeFrom != null) {
      argv.add("--exclude-from=" + excludeFrom);
    }
    argv.add("--files-from=-");
    argv.add("--ignore-missing-args");
    return tail(argv);
  }

  /**
   * Reconciles the direct entries of the directories listed on stdin as {@code DIR/.} ("." for
   * the root): {@code -d} sends each listed directory's entries without recursing, and
   * {@code --delete} removes entries the source no longer has (verified by hand: a listed
   * {@code d} deletes nothing, {@code d/.} deletes inside d).
   */
  public List<String> listing() {
    List<String> argv = head();
    argv.add("--no-r");
    argv.add("-d");
    if (target.delete()) {
      argv.add("--delete");
      argv.add("--force");
    }
    argv.add("--from0");
    argv.add("--files-from=-");
    argv.add("--ignore-missing-args");
    return tail(argv);
  }

  /**
   * Lists the destination's top directory with every option of a batch run, so that settings
   * the target refuses fail here as they fail there, while a path it refuses does not.
   */
  public List<String> probe() {
    List<String> argv = head();
    argv.add("--no-r"); // commonParams' -a or -r would list the whole tree
    argv.add("-d");
    argv.add("--list-only");
    argv = tail(argv);
    argv.remove(argv.size() - 2); // the source: one location means "list it"
    return argv;
  }

  /** Whole-root sync with exclude rules on stdin ({@link FilterRules#exclude}). */
  public List<String> fullSync() {
    return fullSync(false);
  }

  /**
   * As {@link #fullSync()}; {@code periodic} (sersync's crontab) also leaves out the
   * {@code crontabfilter} globs. With deletes on, {@code --delete} does not delete what an
   * exclude matches on the target (rsync protects excluded files), as sersync did.
   */
  public List<String> fullSync(boolean periodic) {
    List<String> argv = head();
    if (periodic) {
      for (String glob : periodicExcludes) {
        argv.add("--exclude=" + glob);
      }
    }
    argv.add("-r");
    if (target.delete()) {
      argv.add("--delete");
      argv.add("--force");
    }
    argv.add("--from0");
    argv.add("--exclude-from=-");
    return tail(argv);
  }

  /**
   * {@code argv} (a full sync's) with {@code --info=progress2} before its source and destination:
   * whole-transfer progress on stdout, one line per update ended by '\r' ({@link Progress2}).
   * Only full syncs get it, never the audit's dry run (whose stdout is itemized lines) nor
   * batches (short runs). rsync 3.1.0 added it; Debian 12's 3.2.7 accepts it.
   */
  public static List<String> withProgress(List<String> argv) {
    List<String> out = new ArrayList<>(argv);
    out.add(out.size() - 2, "--info=progress2");
    return out;
  }

  /**
   * The audit ({@code syncspool verify}, org.syncspool.verify): the full sync's argv as a dry run
   * ({@code -n}) that prints one line per difference in {@code outFormat} (an itemize format;
   * rsync escapes control bytes in names as {@code \#ooo}, and a backslash that would read as
   * such an escape as well, so names stay one line each). Exclude rules on stdin as for
   * {@link #fullSync()}; {@code checksum} adds {@code -c}, which also finds content that size and
   * mtime do not show.
   */
  public List<String> verify(boolean checksum, String outFormat) {
    return dryRun(fullSync(false), checksum, outFormat);
  }

  /**
   * The audit's second look at the paths on stdin (those the journal saw change during the
   * audit): the batch run's argv ({@link #batch(boolean)}, no recursion) as a dry run, so a
   * path gone from the source shows as a deletion.
   */
  public List<String> recheck(boolean checksum, String outFormat) {
    return dryRun(batch(false), checksum, outFormat);
  }

  /**
   * {@code verify --checksum --repair}'s run for content drift that size and mtime do not show:
   * the batch run ({@link #batch(boolean)}, no recursion) with {@code -c}, since the daemon's
   * batches use rsync's quick check and would skip those files.
   */
  public List<String> checksumBatch() {
    List<String> argv = batch(false);
    argv.add(argv.indexOf("--from0"), "-c");
    return argv;
  }

  private static List<String> dryRun(List<String> argv, boolean checksum, String outFormat) {
    List<String> extra = new ArrayList<>(List.of("-n", "--out-format=" + outFormat));
    if (checksum) {
      extra.add("-c");
    }
    argv.addAll(argv.indexOf("--from0"), extra);
    return argv;
  }

  /**
   * Which of the paths on stdin exist on the target, and as what: a dry run from the target
   * into the empty directory {@code emptyDir}, without recursion, prints each one that exists
   * as new ({@code >f+++++++++ name}, {@code cd+++++++++ dir/}); missing ones are skipped.
   */
  public List<String> existingOnTarget(Path emptyDir, String outFormat) {
    List<String> argv = head();
    argv.addAll(List.of("-n", "--no-r", "-d", "--out-format=" + outFormat, "--from0",
        "--files-from=-", "--ignore-missing-args"));
    return tail(argv, destination(), slash(emptyDir.toString()));
  }

  /**
   * A renamed directory, sent on its own before the batch (docs/architecture.md, Rsync techniques):
   * {@code rsync PARAMS -r [--delete --force] --link-dest=REL SRC/TO/ DEST/TO/}, where REL leads
   * from {@code DEST/TO} to the old copy {@code DEST/FROM}, so unchanged files become hard links on
   * the target instead of crossing the wire (a 20 MB directory: 73 bytes). When the old copy is
   * not there rsync says "--link-dest arg does not exist" and sends normally (verified, exit 0).
   * Both paths must be valid UTF-8 ({@link #argvSafe}): they go on the command line.
   */
  public List<String> linkDest(PathKey from, PathKey to) {
    List<String> argv = head();
    argv.add("-r");
    if (target.delete()) {
      argv.add("--delete");
      argv.add("--force");
    }
    argv.add("--link-dest=" + linkDestOf(from, to));
    String sub = to + "/";
    // This run's destination is DEST/TO, and a relative --backup-dir is relative to it: without
    // this, what the run overwrote or deleted went to DEST/TO/.syncspool-versions/, inside the
    // renamed directory, where the anchored exclude did not protect it and verify saw drift.
    return tail(argv, source + sub, destination() + sub,
        fromTop(to, Versions.backupDir(java.time.LocalDate.now(clock)) + "/" + to));
  }

  /**
   * Where a rename's --link-dest points: for a daemon, the old copy from the module's root
   * ({@code /SUB/FROM}, which a daemon reads inside its module, chroot or not); elsewhere,
   * relative to {@code DEST/TO}. Daemons with the CVE-2024-12086 fixes (Debian 12's
   * 3.2.7-1+deb12u6, 3.4.0 until 3.4.3) refuse ".." on the way to a basis file: the "../FROM"
   * form left the copy unused and every file of a renamed directory crossed the wire again
   * (4 MB of literal data instead of 0, by hand; RenameIT with 3.2.7). The relative form stays
   * for local and ssh receivers, which are no daemon and take it (3.2.7 and 3.5.0, by hand).
   */
  String linkDestOf(PathKey from, PathKey to) {
    return fromTop(to, from.toString());
  }

  /**
   * {@code path} (relative to the top of the target) as a run whose destination is
   * {@code DEST/TO} must name it: from the daemon module's root ({@code /SUB/PATH}: a daemon
   * sanitizes ".." away and reads an absolute path inside its module, chroot or not; VersionsIT
   * checks it with both rsync versions), else relative to {@code DEST/TO} ({@code ../} per level).
   */
  private String fromTop(PathKey to, String path) {
    if (target.mode() == Target.Mode.DAEMON) {
      String module = target.module();
      int cut = module.indexOf('/');
      String sub = cut < 0 ? "" : module.substring(cut + 1);
      while (sub.startsWith("/")) {
        sub = sub.substring(1);
      }
      return "/" + (sub.isEmpty() ? "" : slash(sub)) + path;
    }
    StringBuilder rel = new StringBuilder();
    for (byte b : to.bytes()) {
      if (b == '/') {
        rel.append("../");
      }
    }
    return rel.append("../").append(path).toString();
  }

  /**
   * Renamed files, listed on stdin, sent before the batch with {@code --fuzzy}: the receiver
   * takes a file of the same size and mtime in the destination directory (the old name, still
   * there) as the basis, so a rotated log crosses the wire as block matches, not data. Local
   * targets copy whole files anyway (rsync's --whole-file default), so there it changes nothing.
   */
  public List<String> fuzzy() {
    List<String> argv = head();
    argv.add("--no-r");
    argv.add("--fuzzy");
    argv.add("--from0");
    argv.add("--files-from=-");
    argv.add("--ignore-missing-args");
    return tail(argv);
  }

  /**
   * True when a path may go on rsync's command line: only the rename runs put names there
   * ({@link #linkDest}), as an optimisation, and only names no shell or rsync argument parser can
   * read as anything but text: letters, digits, {@code . _ - + , = @ %}, slashes, and valid
   * UTF-8 beyond ASCII. Every other name is sent through --files-from only (issue 10: with
   * --old-args, or a sending rsync before 3.2.4, a directory renamed to {@code $(touch x)} ran
   * that command on an ssh target).
   */
  public static boolean argvSafe(PathKey p) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(p.bytes()));
    } catch (CharacterCodingException e) {
      return false;
    }
    for (byte b : p.bytes()) {
      boolean ok = b < 0 // a byte of a multi-byte UTF-8 character
          || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
          || b == '.' || b == '_' || b == '-' || b == '+' || b == ',' || b == '=' || b == '@'
          || b == '%' || b == '/';
      if (!ok) {
        return false;
      }
    }
    return !p.isRoot();
  }

  private List<String> head() {
    List<String> argv = new ArrayList<>();
    argv.add(rsync);
    argv.addAll(target.params());
    return argv;
  }

  private List<String> tail(List<String> argv) {
    return tail(argv, source, destination());
  }

  private List<String> tail(List<String> argv, String from, String to) {
    return tail(argv, from, to, Versions.backupDir(java.time.LocalDate.now(clock)));
  }

  /**
   * Options every run shares, then source and destination; {@code backupDir} is where this
   * run's versions go (null: none, the prune's run).
   */
  private List<String> tail(List<String> argv, String from, String to,
                            @Nullable String backupDir) {
    if (target.keepVersionsMillis() > 0 && backupDir != null) {
      // Overwritten and deleted files move into today's folder; the folder itself is never
      // synced, deleted or audited (excluded, so also protected from --delete).
      argv.add("--backup");
      argv.add("--backup-dir=" + backupDir);
      argv.add("--exclude=/" + Versions.DIR + "/");
    }
    // Totals on stdout (a few lines, at the end): the per-batch log line reports bytes sent.
    argv.add("--stats");
    if (target.params().stream().noneMatch(RsyncCommand::setsModifyWindow)) {
      // rsync's quick check compares mtimes in whole seconds by default, so a file rewritten
      // with the same size within the second after a run was skipped by every later run, full
      // syncs included: "aaaa", sync, "bbbb" 20 ms later, sync -> the target kept "aaaa"
      // (verified by hand, rsync 3.5.0; the benchmark's bursts left 0-3 of 10k files with a
      // stale mtime the same way). -1 compares nanoseconds; receivers need rsync >= 3.1.3.
      // Over ssh the client would pass it on as "-@-1", which rrsync (the forced command
      // docs/target-setup.md suggests) refuses as a whole ("invalid rsync-command syntax or
      // options", exit 12): its short-option pattern takes no negative number. The window
      // matters only on the receiving side, the remote one, so it goes there as the long
      // option, which rrsync accepts (checked by hand with rrsync 3.5.0; SshIT runs it).
      argv.add(target.mode() == Target.Mode.SSH ? "--remote-option=--modify-window=-1"
          : "--modify-window=-1");
    }
    if (target.timeoutSeconds() != null) {
      argv.add("--timeout=" + target.timeoutSeconds());
    }
    if (target.mode() == Target.Mode.DAEMON
        && target.params().stream().noneMatch(p -> p.startsWith("--sockopts"))) {
      // rsync leaves Nagle on, and small batches then wait for delayed ACKs in 40 ms steps: a
      // one-file batch to a loopback daemon took 134-142 ms, with this 49-51 ms (8 ms when the
      // daemon also sets "socket options = TCP_NODELAY"); measured by hand, rsync 3.5.0.
      argv.add("--sockopts=TCP_NODELAY");
    }
    if (target.mode() == Target.Mode.DAEMON && target.passwordFile() != null) {
      // The file's path, never the password, is on the command line.
      argv.add("--password-file=" + target.passwordFile());
    }
    if (target.mode() == Target.Mode.SSH) {
      argv.add("-e");
      argv.add(sshCommand());
    }
    argv.add(from);
    argv.add(to);
    return argv;
  }

  /** True for an operator's own --modify-window / -@ in commonParams, which we leave alone. */
  private static boolean setsModifyWindow(String param) {
    return param.startsWith("--modify-window")
        || (param.startsWith("-") && !param.startsWith("--") && param.indexOf('@') > 0);
  }

  /** The {@code -e} command for an ssh target, with this command's extra ssh options. */
  public String sshCommand() {
    return TargetAddress.sshCommand(target, sshOptions);
  }

  /** The destination argument, ending in a slash ({@link TargetAddress#destination}). */
  public String destination() {
    return TargetAddress.destination(target);
  }

  private static String slash(String s) {
    return s.endsWith("/") ? s : s + "/";
  }
}
