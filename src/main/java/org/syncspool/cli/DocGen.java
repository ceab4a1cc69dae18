package org.syncspool.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.syncspool.service.ExitCode;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Writes the bash completion script and the man page from the picocli model, so neither can
 * drift from the real options. Run by the build ({@code prepare-package}):
 * {@code DocGen OUTDIR VERSION} writes {@code OUTDIR/syncspool.bash} and
 * {@code OUTDIR/syncspool.1.gz}. picocli-codegen's man page generator writes AsciiDoc, which
 * needs Asciidoctor (JRuby) to become roff; a page this size is simpler to write directly.
 */
public final class DocGen {
  private DocGen() {}

  public static void main(String[] args) throws IOException {
    Path out = Files.createDirectories(Path.of(args[0]));
    String version = args.length > 1 ? args[1] : "dev";
    CommandLine cl = Main.commandLine();
    Files.writeString(out.resolve("syncspool.bash"), AutoComplete.bash("syncspool", cl));
    try (OutputStream f = Files.newOutputStream(out.resolve("syncspool.1.gz"));
         // mtime 0 in the gzip header (GZIPOutputStream writes 0): reproducible packages
         Writer w = new java.io.OutputStreamWriter(new GZIPOutputStream(f), StandardCharsets.UTF_8)) {
      w.write(manPage(cl, version));
    }
  }

  /** The roff source of syncspool(1). */
  static String manPage(CommandLine cl, String version) {
    StringBuilder sb = new StringBuilder();
    sb.append(".TH SYNCSPOOL 1 \"\" \"syncspool ").append(esc(version))
        .append("\" \"User Commands\"\n");
    sb.append(".SH NAME\nsyncspool \\- real-time directory replication with inotify, an on-disk "
        + "journal and rsync\n");
    sb.append(".SH SYNOPSIS\n.B syncspool\n[\\fICOMMAND\\fR] [\\fIOPTIONS\\fR]\n.br\n"
        + ".B syncspool\n[\\fB\\-d\\fR] [\\fB\\-r\\fR] [\\fB\\-n\\fR \\fIN\\fR] "
        + "\\fB\\-o\\fR \\fIconfxml.xml\\fR   (sersync style: means \\fBrun\\fR)\n");
    sb.append(".SH DESCRIPTION\n");
    for (String d : cl.getCommandSpec().usageMessage().description()) {
      sb.append(esc(d)).append('\n');
    }
    sb.append(".PP\nsyncspool watches directories with inotify, writes every change to a journal "
        + "on disk and replicates it to every target (a local directory, an rsync daemon module "
        + "or a path over ssh) with one rsync run per batch. It reads sersync 2.5's "
        + "confxml.xml unchanged.\n");
    sb.append(".SH COMMANDS\n");
    for (CommandLine sub : cl.getSubcommands().values()) {
      CommandSpec s = sub.getCommandSpec();
      if (s.name().equals("help")) {
        continue;
      }
      sb.append(".SS ").append(esc(s.name())).append('\n');
      for (String d : s.usageMessage().description()) {
        sb.append(esc(d)).append("\n.br\n");
      }
      for (OptionSpec o : s.options()) {
        if (o.usageHelp() || o.versionHelp() || o.hidden()) {
          continue;
        }
        sb.append(".TP\n");
        String[] names = o.names();
        for (int i = 0; i < names.length; i++) {
          sb.append(i > 0 ? ", " : "").append("\\fB").append(esc(names[i])).append("\\fR");
        }
        if (o.arity().max() > 0) {
          sb.append(" \\fI").append(esc(o.paramLabel())).append("\\fR");
        }
        sb.append('\n');
        sb.append(esc(String.join(" ", o.description()))).append('\n');
      }
    }
    sb.append(".SH EXIT STATUS\n");
    for (ExitCode c : ExitCode.values()) {
      sb.append(".TP\n.B ").append(c.code()).append('\n').append(exitText(c)).append('\n');
    }
    sb.append("""
        .SH FILES
        .TP
        .I /etc/syncspool/syncspool.xml
        the configuration (sersync confxml.xml format)
        .TP
        .I /etc/syncspool/NAME.xml
        the configuration of syncspool@NAME.service
        .TP
        .I /etc/syncspool/logback.xml
        logging
        .TP
        .I /var/lib/syncspool
        journal and per-target cursors
        .TP
        .I /usr/share/syncspool/syncspool.xsd
        XML schema of the configuration
        .SH ENVIRONMENT
        .TP
        .B JAVA_OPTS
        extra JVM options for the launcher
        .TP
        .B JAVA_HOME
        the Java runtime to use (default: java on PATH)
        .SH SEE ALSO
        .BR rsync (1),
        .BR inotify (7),
        .BR systemctl (1)
        .PP
        /usr/share/doc/syncspool/operations.md, configuration.md, migrating-from-sersync.md
        """);
    return sb.toString();
  }

  private static String exitText(ExitCode c) {
    return switch (c) {
      case OK -> "success; run stopped cleanly";
      case FAILURE -> "a runtime failure";
      case USAGE -> "bad command-line arguments, or an unknown target";
      case UNAVAILABLE -> "rsync or inotify unavailable, or no daemon answers (status, flush)";
      case SOFTWARE -> "internal error (a bug)";
      case NOPERM -> "the control token cannot be read: flush and full-sync need the daemon's user";
      case CANTCREAT -> "the state directory or journal cannot be created or opened";
      case IOERR -> "the state directory's file system is full at start";
      case TEMPFAIL -> "flush timed out (a target is behind or down), or replay left entries";
      case CONFIG -> "configuration error (systemd does not restart on it)";
    };
  }

  /** roff escaping: backslashes, hyphens in option names, and control characters at line start. */
  static String esc(String s) {
    String e = s.replace("\\", "\\e").replace("-", "\\-");
    return e.startsWith(".") || e.startsWith("'") ? "\\&" + e : e;
  }
}
