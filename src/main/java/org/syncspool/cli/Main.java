package org.syncspool.cli;

import java.util.Arrays;
import org.syncspool.service.ExitCode;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code syncspool}: the command line. Every failure ends in one line and a distinct exit code. */
@Command(name = "syncspool",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Real-time directory replication: inotify -> journal -> rsync, sersync-compatible.",
    subcommands = {RunCommand.class, CheckConfigCommand.class, CheckTargetsCommand.class,
        StatusCommand.class, FlushCommand.class, FullSyncCommand.class, ReplayCommand.class,
        PauseCommand.Pause.class, PauseCommand.Resume.class, JournalCommand.class,
        HooksCommand.class, VerifyCommand.class,
        DemoCommand.class,
        CommandLine.HelpCommand.class})
public final class Main {

  /**
   * Chronicle's quiet-start switches (docs/architecture.md, JVM settings). The launcher passes them
   * with -D; a plain {@code java -jar} gets them here, before any Chronicle class loads. -D still
   * wins.
   */
  static void quietChronicle() {
    for (String d : jvmList("quiet")) {
      // -Dname=value
      int eq = d.indexOf('=');
      String name = d.substring(2, eq < 0 ? d.length() : eq);
      if (System.getProperty(name) == null) {
        System.setProperty(name, eq < 0 ? "" : d.substring(eq + 1));
      }
    }
  }

  /**
   * One list of {@code org/syncspool/cli/jvm.properties}, which the build fills in from pom.xml
   * ({@code quiet}: chronicle.quiet, {@code add-exports}, {@code add-opens}), split at spaces.
   */
  static java.util.List<String> jvmList(String key) {
    java.util.Properties p = new java.util.Properties();
    try (java.io.InputStream in = Main.class.getResourceAsStream("jvm.properties")) {
      if (in == null) {
        throw new IllegalStateException("jvm.properties is missing from the jar");
      }
      p.load(in);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    String v = p.getProperty(key, "").strip();
    return v.isEmpty() ? java.util.List.of() : java.util.List.of(v.split("\\s+", -1));
  }

  public static void main(String[] args) {
    quietChronicle();
    Logging.fromSystemProperty();
    System.exit(execute(args));
  }

  /** Runs the command line and returns the exit code (tests call this). */
  public static int execute(String... args) {
    CommandLine cl = commandLine();
    return cl.execute(sersyncCompatible(args));
  }

  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    CommandLine.IParameterExceptionHandler usage = cl.getParameterExceptionHandler();
    cl.setParameterExceptionHandler((ex, args) -> {
      usage.handleParseException(ex, args);
      return ExitCode.USAGE.code(); // EX_USAGE rather than picocli's 2
    });
    cl.setExecutionExceptionHandler(new FailureHandler());
    CommandLine.IExecutionStrategy runLast = new CommandLine.RunLast();
    cl.setExecutionStrategy(parsed -> {
      // The daemon's log is its output (the journal under systemd); every other command's
      // stdout is its result (check-targets' one line per target, status --json), so what it
      // logs, such as loading's warnings, goes to stderr.
      String sub = parsed.hasSubcommand() ? parsed.subcommand().commandSpec().name() : "";
      Logging.consoleTo(sub.equals("run") || sub.equals("demo"));
      return runLast.execute(parsed);
    });
    return cl;
  }

  /**
   * sersync was started as {@code sersync2 -d -r -o confxml.xml}: options without a command mean
   * {@code run}.
   */
  static String[] sersyncCompatible(String[] args) {
    if (args.length > 0 && args[0].startsWith("-") && !isTopLevelOption(args[0])) {
      String[] withRun = new String[args.length + 1];
      withRun[0] = "run";
      System.arraycopy(args, 0, withRun, 1, args.length);
      return withRun;
    }
    return args;
  }

  private static boolean isTopLevelOption(String arg) {
    return Arrays.asList("-h", "--help", "-V", "--version").contains(arg);
  }
}
