package org.syncspool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.journal.ChronicleJournal;
import org.syncspool.journal.Cursor;
import org.syncspool.worker.CursorNames;
import org.syncspool.watch.EventBatch;
import org.syncspool.watch.EventKind;

/**
 * {@code journal tail|dump} on a real journal that a writer (the daemon's side) holds open and
 * keeps appending to and committing in, as it would while the daemon runs.
 */
class JournalCommandTest {
  @TempDir Path tmp;
  private Path conf;
  private Path journalDir;

  record Run(int code, String out, String err) {}

  @BeforeEach
  void config() throws IOException {
    Path a = Files.createDirectories(tmp.resolve("a"));
    Path b = Files.createDirectories(tmp.resolve("b"));
    conf = tmp.resolve("conf.xml");
    Files.writeString(conf, """
        <head version="2.5">
          <sersync>
            <localpath watch="%s"><remote path="%s"/></localpath>
            <localpath watch="%s"><remote path="%s"/></localpath>
          </sersync>
          <syncspool stateDir="%s"/>
        </head>
        """.formatted(a, tmp.resolve("ma"), b, tmp.resolve("mb"), tmp.resolve("state")));
    journalDir = tmp.resolve("state/journal");
  }

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    picocli.CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private static EventBatch batch(long time, int root, String... paths) {
    EventBatch b = new EventBatch(256).reset(time);
    for (String p : paths) {
      byte[] bytes = p.getBytes(StandardCharsets.ISO_8859_1); // lets a test write any byte
      b.add(EventKind.CLOSE_WRITE, false, root, 0, bytes, 0, bytes.length);
    }
    return b;
  }

  @Test
  void dumpShowsEveryEventAndWhereEachCursorStandsWhileTheWriterRuns() throws Exception {
    try (ChronicleJournal w = ChronicleJournal.open(journalDir)) {
      w.accept(batch(1_000, 0, "one", "two"));
      w.accept(batch(2_000, 1, "b/three"));
      w.accept(batch(3_000, 0, "f\u00ffur\n"));
      try (Cursor c = w.cursor(CursorNames.of("0:" + tmp.resolve("ma")))) {
        c.next(new EventBatch());
        c.commit();
      }
      Set<String> before = files();
      Run r = run("journal", "dump", "-o", conf.toString());
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out()).contains("# root 0: " + tmp.resolve("a"))
          .contains("# cursor " + tmp.resolve("ma") + " (root 0): at ")
          .contains("2 records not yet on the target, oldest from 1970-01-01T00:00:02Z")
          .contains("# cursor " + tmp.resolve("mb") + " (root 1): at start, 3 records");
      assertThat(r.out().lines().filter(l -> !l.startsWith("#")).map(l -> l.replaceAll(
          " \\d+:\\d+ ", " I ")).toList()).containsExactly(
          "1970-01-01T00:00:01Z I 0 CLOSE_WRITE one",
          "1970-01-01T00:00:01Z I 0 CLOSE_WRITE two",
          "1970-01-01T00:00:02Z I 1 CLOSE_WRITE b/three",
          "1970-01-01T00:00:03Z I 0 CLOSE_WRITE f\\xffur\\n");
      assertThat(files()).as("read-only: nothing created").isEqualTo(before);

      // the daemon goes on: the next dump sees its appends and commits
      w.accept(batch(4_000, 0, "five"));
      try (Cursor c = w.cursor(CursorNames.of("0:" + tmp.resolve("ma")))) {
        while (c.next(new EventBatch())) {
          c.commit();
        }
      }
      Run again = run("journal", "dump", "-o", conf.toString(), "--since",
          "1970-01-01T00:00:03Z", "--target", tmp.resolve("ma").toString());
      assertThat(again.code()).as(again.err()).isZero();
      assertThat(again.out()).contains("(root 0): at ").contains("caught up")
          .doesNotContain("# cursor " + tmp.resolve("mb"))
          .doesNotContain("not yet on the target");
      assertThat(again.out().lines().filter(l -> !l.startsWith("#")).toList())
          .hasSize(2).last().asString().endsWith(" 0 CLOSE_WRITE five");
    }
  }

  @Test
  void aTargetsPendingRecordsAreMarked() throws Exception {
    try (ChronicleJournal w = ChronicleJournal.open(journalDir)) {
      for (int i = 1; i <= 5; i++) {
        w.accept(batch(i * 1000L, 0, "r" + i));
      }
      try (Cursor c = w.cursor(CursorNames.of("0:" + tmp.resolve("ma")))) {
        EventBatch b = new EventBatch();
        c.next(b);
        c.next(b);
        c.next(b);
        c.commit();
      }
      Run r = run("journal", "tail", "-n", "3", "-o", conf.toString(),
          "--target", "0:" + tmp.resolve("ma"));
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out().lines().filter(l -> !l.startsWith("# root") && !l.startsWith("# cursor"))
          .map(l -> l.replaceAll(" \\d+:\\d+ ", " I ")).toList()).containsExactly(
          "1970-01-01T00:00:03Z I 0 CLOSE_WRITE r3",
          "# ---- " + tmp.resolve("ma") + "'s cursor: the records below are not yet on the target",
          "1970-01-01T00:00:04Z I 0 CLOSE_WRITE r4",
          "1970-01-01T00:00:05Z I 0 CLOSE_WRITE r5");
    }
  }

  @Test
  void badInputIsOneLineAndADistinctExitCode() throws Exception {
    Run noJournal = run("journal", "dump", "-o", conf.toString());
    assertThat(noJournal.code()).isEqualTo(73);
    assertThat(noJournal.err().strip().lines()).hasSize(1).first().asString()
        .contains("no journal in " + journalDir);
    assertThat(journalDir).doesNotExist();
    ChronicleJournal.open(journalDir).close();
    Run badTarget = run("journal", "tail", "-o", conf.toString(), "--target", "nope");
    assertThat(badTarget.code()).isEqualTo(64);
    assertThat(badTarget.err()).contains("no target called nope");
    Run badSince = run("journal", "dump", "-o", conf.toString(), "--since", "yesterday");
    assertThat(badSince.code()).isEqualTo(64);
    assertThat(badSince.err().strip()).contains("--since yesterday: not a time");
  }

  private Set<String> files() throws IOException {
    try (Stream<Path> s = Files.walk(tmp.resolve("state"))) {
      return s.map(Path::toString).collect(Collectors.toCollection(TreeSet::new));
    }
  }
}
