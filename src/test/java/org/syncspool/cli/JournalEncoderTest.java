package org.syncspool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The journald priority prefixes: one per level, on every line of an event, only when the
 * output is the journal; and the shipped logback.xml files use the encoder. The real journal
 * (journalctl -p warning under systemd) is checked by packaging/ci/nspawn-check.
 */
class JournalEncoderTest {
  private static LoggingEvent event(LoggerContext ctx, Level level, String msg) {
    Logger logger = ctx.getLogger("org.syncspool.worker.TargetWorker");
    return new LoggingEvent(Logger.class.getName(), logger, level, msg, null, null);
  }

  private static String encode(JournalEncoder enc, LoggingEvent e) {
    return new String(enc.encode(e), StandardCharsets.UTF_8);
  }

  private static JournalEncoder started(LoggerContext ctx, boolean journal) {
    JournalEncoder enc = new JournalEncoder(journal);
    enc.setContext(ctx);
    enc.setPattern("%-5level %logger{0}: %msg%n");
    enc.setCharset(StandardCharsets.UTF_8);
    enc.start();
    return enc;
  }

  @Test
  void eachLevelGetsItsSyslogPriority() {
    assertThat(JournalEncoder.prefix(Level.ERROR)).isEqualTo("<3>");
    assertThat(JournalEncoder.prefix(Level.WARN)).isEqualTo("<4>");
    assertThat(JournalEncoder.prefix(Level.INFO)).isEqualTo("<6>");
    assertThat(JournalEncoder.prefix(Level.DEBUG)).isEqualTo("<7>");
    assertThat(JournalEncoder.prefix(Level.TRACE)).isEqualTo("<7>");
  }

  @Test
  void underTheJournalEveryLineOfAnEventIsPrefixed() {
    LoggerContext ctx = new LoggerContext();
    JournalEncoder enc = started(ctx, true);
    assertThat(encode(enc, event(ctx, Level.ERROR, "target /backup: parked")))
        .isEqualTo("<3>ERROR TargetWorker: target /backup: parked\n");
    // a message stays one line (issue 10 item 6: a name with a newline cannot forge a line)
    assertThat(encode(enc, event(ctx, Level.WARN, "cannot list /w/x\n<3>ERROR forged")))
        .isEqualTo("<4>WARN  TargetWorker: cannot list /w/x\\x0a<3>ERROR forged\n");
    assertThat(encode(enc, event(ctx, Level.INFO, "synced 6 paths")))
        .isEqualTo("<6>INFO  TargetWorker: synced 6 paths\n");
    // a stack trace's lines too: journald reads each line as its own entry
    LoggingEvent failed = new LoggingEvent(Logger.class.getName(),
        ctx.getLogger("x"), Level.ERROR, "boom", new IllegalStateException("why"), null);
    String out = encode(enc, failed);
    assertThat(out.split("\n", -1)).hasSizeGreaterThan(3)
        .allMatch(line -> line.isEmpty() || line.startsWith("<3>"));
    assertThat(out).contains("<3>java.lang.IllegalStateException: why").endsWith("\n");
  }

  @Test
  void elsewhereTheLinesArePlain() {
    LoggerContext ctx = new LoggerContext();
    JournalEncoder enc = started(ctx, false);
    assertThat(encode(enc, event(ctx, Level.ERROR, "target /backup: parked")))
        .isEqualTo("ERROR TargetWorker: target /backup: parked\n");
  }

  @Test
  void theJournalIsTheSocketJournalStreamNames() {
    assertThat(JournalEncoder.connected("9:41263", "socket:[41263]")).isTrue();
    // the variable inherited, the output redirected: a pipe, a file, another socket
    assertThat(JournalEncoder.connected("9:41263", "pipe:[41263]")).isFalse();
    assertThat(JournalEncoder.connected("9:41263", "/var/log/x.log")).isFalse();
    assertThat(JournalEncoder.connected("9:41263", "socket:[41264]")).isFalse();
    assertThat(JournalEncoder.connected(null, "socket:[41263]")).isFalse();
    assertThat(JournalEncoder.connected("9:41263", null)).isFalse();
    assertThat(JournalEncoder.connected("garbage", "socket:[garbage]")).isFalse();
    assertThat(JournalEncoder.connected("9:", "socket:[]")).isFalse();
    assertThat(JournalEncoder.connected("9:x]", "socket:[x]]")).isFalse();
  }

  @Test
  void theShippedLogbackFilesUseTheEncoder() throws Exception {
    for (Path xml : new Path[] {
        Path.of("packaging/logback/logback.xml"), Path.of("src/main/resources/logback.xml")}) {
      LoggerContext ctx = new LoggerContext();
      JoranConfigurator jc = new JoranConfigurator();
      jc.setContext(ctx);
      jc.doConfigure(Files.newInputStream(xml));
      Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
      assertThat(root.getAppender("STDOUT")).as(xml.toString())
          .isInstanceOfSatisfying(ConsoleAppender.class,
              c -> assertThat(c.getEncoder()).isInstanceOf(JournalEncoder.class));
      ctx.stop();
    }
  }
}
