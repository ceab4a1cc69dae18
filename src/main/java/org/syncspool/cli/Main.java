package org.syncspool.cli;

import java.util.Arrays;
import org.syncspool.service.ExitCode;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code syncspool}: the command line. Every failure ends in one line and a distinct exit code. */
@Command(name = "syncspool",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Real-time directory replication: inotify -> journal -> rsync, sersync-compatible.")
public final class Main {
  /** The subcommands by name, in the order {@code --help} lists them ({@link #commandLine}). */
  private static final java.util.Map<String, Class<?>> COMMANDS = commands(RunCommand.class,
      CheckConfigCommand.class, CheckTargetsCommand.class, StatusCommand.class,
      FlushCommand.class, FullSyncCommand.class, ReplayCommand.class, PauseCommand.Pause.class,
      PauseCommand.Resume.class, JournalCommand.class, HooksCommand.class, VerifyCommand.class,
      DemoCommand.class, CommandLine.HelpCommand.class);

  private static java.util.Map<String, Class<?>> commands(Class<?>... classes) {
    java.util.Map<String, Class<?>> m = new java.util.LinkedHashMap<>();
    for (Class<?> c : classes) {
      m.put(c.getAnnotation(Command.class).name(), c);
    }
    return java.util.Collections.unmodifiableMap(m);
  }

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
    EarlyStart.begin();
    Logging.fromSystemProperty();
    System.exit(execute(args));
  }

  /** Runs the command line and returns the exit code (tests call this). */
  public static int execute(String... args) {
    String[] argv = sersyncCompatible(args);
    CommandLine cl = commandLine(argv.length > 0 ? argv[0] : null);
    return cl.execute(argv);
  }

  /**
   * Every subcommand: for help, the man page and completion ({@link DocGen}), and for tests
   * that run a command in-process with their own output (a bare {@code new CommandLine(new
   * Main())} has no subcommands).
   */
  public static CommandLine commandLine() {
    return commandLine(null);
  }

  /**
   * The command line with only subcommand {@code first} when that names one, else with all.
   * picocli builds each subcommand's model by reflection when it is added: all of them cost
   * about 110 ms more than one at every start (docs/performance.md, verify), and a command only
   * ever runs the one it names; {@code help}, {@code --help} and a misspelt name get them all.
   */
  static CommandLine commandLine(@org.jspecify.annotations.Nullable String first) {
    CommandLine cl = new CommandLine(new Main());
    boolean one = first != null && COMMANDS.containsKey(first) && !first.equals("help");
    COMMANDS.forEach((name, c) -> {
      if (!one || name.equals(first)) {
        cl.addSubcommand(name, c);
      }
    });
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
