package org.syncspool.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.syncspool.config.Config;
import org.syncspool.config.ConfigLoader;
import org.syncspool.service.ExitCode;
import org.syncspool.service.FatalException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The newcomer's first run: mirrors {@code ./demo/source} to {@code ./demo/mirror} with the
 * shipped demo config (local mode, no rsync daemon), printing each batch it syncs.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Mirror ./demo/source to ./demo/mirror with the shipped demo config; "
        + "edit files in demo/source and watch them arrive. Ctrl-C stops it.")
final class DemoCommand implements Callable<Integer> {
  /** The shipped demo configuration, inside the jar; @DEMO_DIR@ becomes the absolute demo dir. */
  static final String RESOURCE = "/conf/demo.xml";

  @Option(names = "--dir", paramLabel = "DIR", defaultValue = "demo",
      description = "Demo directory (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--seconds", paramLabel = "S", defaultValue = "0",
      description = "Stop after S seconds (default: run until Ctrl-C).")
  long seconds;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Path base = dir.toAbsolutePath().normalize();
    Path source = Files.createDirectories(base.resolve("source"));
    Files.createDirectories(base.resolve("mirror"));
    seed(source);
    Path configFile = base.resolve("syncspool.xml");
    Files.writeString(configFile, template().replace("@DEMO_DIR@", base.toString()));
    Config c = ConfigLoader.load(configFile).withStateDir(base.resolve("state"));
    var out = spec.commandLine().getOut();
    out.println("syncspool demo: mirroring " + source + " -> " + base.resolve("mirror"));
    out.println("  config: " + configFile + " (a copy of the shipped conf/demo.xml)");
    out.println("  change files under demo/source; each synced batch is logged below. Ctrl-C stops.");
    out.flush();
    return RunCommand.Foreground.run(c, true, seconds);
  }

  private static String template() throws IOException, FatalException {
    try (InputStream in = DemoCommand.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new FatalException(ExitCode.SOFTWARE, "demo config " + RESOURCE + " missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A few files so the first full sync has something to show; kept if the user changed them. */
  private static void seed(Path source) throws IOException {
    try (var entries = Files.list(source)) {
      if (entries.findAny().isPresent()) {
        return;
      }
    }
    Files.writeString(source.resolve("README.txt"),
        "Files here are mirrored to ../mirror by syncspool.\n");
    Files.createDirectories(source.resolve("docs"));
    Files.writeString(source.resolve("docs/hello.txt"), "hello, mirror\n");
    Files.writeString(source.resolve(".hidden"), "dot-files are synced too\n");
  }
}
