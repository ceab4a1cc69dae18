package org.syncspool.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.testing.TreeAssert;
import org.syncspool.watch.inotify.NativeFs;

/**
 * {@code syncspool verify} on real targets (a loopback rsync daemon with auth and a local
 * directory), replicated by the real daemon, then changed behind its back.
 */
class VerifyIT {
  /** A name that is not UTF-8 (0xff), as legacy trees hold them. */
  static final byte[] BAD = {'b', 'a', 'd', (byte) 0xff};

  @TempDir
  Path tmp;
  ReplicationFixture f;
  /** The daemon's metrics and status endpoint, for the tests that read them. */
  org.syncspool.service.http.Endpoint http;

  @BeforeEach
  void replicate() throws Exception {
    f = new ReplicationFixture(tmp);
    f.commonParams = "-artuzo"; // owner drift shows only when rsync compares owners (-o)
    f.writeConfig("""
        <filter start="true"><exclude expression="(.*)\\.tmp"/></filter>""", true);
    Files.writeString(f.source.resolve("a.txt"), "alpha");
    Files.writeString(f.source.resolve("b.txt"), "bravo");
    Files.writeString(f.source.resolve("c.txt"), "charlie");
    Files.writeString(f.source.resolve("d.txt"), "delta");
    Files.writeString(f.source.resolve("f.txt"), "foxtrot");
    Files.writeString(f.source.resolve("g.txt"), "golf");
    Files.createDirectories(f.source.resolve("sub/deep"));
    Files.writeString(f.source.resolve("sub/deep/e.txt"), "echo");
    Files.createSymbolicLink(f.source.resolve("link"), Path.of("a.txt"));
    Files.writeString(f.source.resolve("new\nline"), "newline");
    NativeFs.writeFile(NativeFs.join(f.source, BAD), "bad".getBytes(StandardCharsets.UTF_8));
    Files.writeString(f.source.resolve("kept.tmp"), "excluded: never sent");
    f.start(true);
    awaitMirroredButExcluded();
    f.stopDaemon();
  }

  @AfterEach
  void stop() throws Exception {
    if (http != null) {
      http.close();
    }
    f.close();
  }

  private void awaitMirroredButExcluded() {
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
        .pollInterval(java.time.Duration.ofMillis(100)).untilAsserted(() -> {
          for (Path t : f.targets()) {
            assertThat(t.resolve("a.txt")).exists();
            assertThat(t.resolve("sub/deep/e.txt")).exists();
            assertThat(t.resolve("new\nline")).exists();
            assertThat(t.resolve("kept.tmp")).doesNotExist();
          }
        });
  }

  /** Each kind of drift, on both targets, behind the daemon's back. */
  private void drift() throws Exception {
    for (Path t : f.targets()) {
      Files.delete(t.resolve("a.txt"));                       // missing
      Files.delete(t.resolve("new\nline"));                   // missing, a newline in the name
      NativeFs.unlink(NativeFs.join(t, BAD));                  // missing, not UTF-8
      Files.writeString(t.resolve("extra.txt"), "x");          // extra
      Files.setPosixFilePermissions(t.resolve("b.txt"),        // mode
          PosixFilePermissions.fromString("rw-------"));
      FileTime m = Files.getLastModifiedTime(t.resolve("c.txt"));
      Files.writeString(t.resolve("c.txt"), "CHARLIE");        // same size and mtime
      Files.setLastModifiedTime(t.resolve("c.txt"), m);
      Files.delete(t.resolve("link"));                         // symlink retargeted
      Files.createSymbolicLink(t.resolve("link"), Path.of("b.txt"));
      Files.delete(t.resolve("d.txt"));                        // a file replaced by a directory
      Files.createDirectory(t.resolve("d.txt"));
      FileTime fm = Files.getLastModifiedTime(t.resolve("f.txt"));
      Files.writeString(t.resolve("f.txt"), "foxtrot, longer"); // size only (mtime kept)
      Files.setLastModifiedTime(t.resolve("f.txt"), fm);
      Files.setLastModifiedTime(t.resolve("g.txt"),             // time only, older
          FileTime.fromMillis(fm.toMillis() - 86_400_000L));
      Files.setOwner(t.resolve("sub/deep/e.txt"),               // owner
          t.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
      Files.writeString(t.resolve("junk.tmp"), "excluded on the target: no drift");
      Files.writeString(t.resolve(".syncspool-flush-verifyit"), "a flush cookie: no drift");
      Files.writeString(t.resolve(".syncspool-probe-verifyit"), "a target probe: no drift");
    }
    Files.writeString(f.source.resolve("more.tmp"), "excluded on the source: no drift");
  }

  private CliIT.Run verify(String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of("verify", "-o", f.configFile.toString()));
    argv.addAll(List.of(args));
    return CliIT.syncspool(argv.toArray(String[]::new));
  }

  /** kind -> sorted paths, for each target by name. */
  private static Map<String, Map<String, List<String>>> drift(String json) throws Exception {
    JsonNode root = new ObjectMapper().readTree(json);
    Map<String, Map<String, List<String>>> out = new TreeMap<>();
    for (JsonNode t : root.path("targets")) {
      Map<String, List<String>> kinds = new TreeMap<>();
      t.path("drift").fields().forEachRemaining(e -> {
        List<String> ps = new ArrayList<>();
        e.getValue().path("paths").forEach(p -> ps.add(p.asText()));
        ps.sort(null);
        assertThat(e.getValue().path("count").asInt()).isEqualTo(ps.size());
        kinds.put(e.getKey(), ps);
      });
      out.put(t.path("target").asText(), kinds);
    }
    return out;
  }

  private static Map<String, List<String>> expected(boolean checksum) {
    Map<String, List<String>> m = new TreeMap<>();
    m.put("missing", List.of("a.txt", "bad\udcff", "new\nline"));
    m.put("extra", List.of("extra.txt"));
    m.put("mode", List.of("b.txt"));
    m.put("symlink", List.of("link"));
    m.put("type", List.of("d.txt"));
    m.put("owner", List.of("sub/deep/e.txt"));
    // a longer f.txt: >f.s....... quick, >fcs....... with -c (DriftRules: both kinds)
    m.put("size-time", List.of("f.txt", "g.txt"));
    if (checksum) {
      m.put("content", List.of("c.txt", "f.txt"));
    }
    return m;
  }

  /** A failure message that survives a lone surrogate or a newline in a name. */
  private static String printable(Object o) {
    StringBuilder b = new StringBuilder();
    o.toString().chars().forEach(c -> b.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c)
        : String.format("\\u%04x", c)));
    return b.toString();
  }

  @Test
  void aCleanTreeIsOk() throws Exception {
    CliIT.Run r = verify();
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("target " + f.mirror + ": OK");
    assertThat(r.out().lines().filter(l -> l.endsWith(")")).count()).isEqualTo(2);
  }

  @Test
  void everyKindOfDriftIsListedExactlyAndRepaired() throws Exception {
    drift();
    CliIT.Run quick = verify("--json");
    assertThat(quick.code()).as(quick.out() + quick.err()).isEqualTo(1);
    Map<String, Map<String, List<String>>> found = drift(quick.out());
    assertThat(found).hasSize(2);
    found.values().forEach(k -> assertThat(printable(k)).isEqualTo(printable(expected(false))));

    CliIT.Run sums = verify("--json", "--checksum");
    assertThat(sums.code()).isEqualTo(1);
    drift(sums.out()).values().forEach(k ->
        assertThat(printable(k)).isEqualTo(printable(expected(true))));

    CliIT.Run table = verify();
    assertThat(table.code()).isEqualTo(1);
    assertThat(table.out()).contains("    \"new\\nline\"\n").contains("    \"bad\\xff\"\n")
        .contains("  missing: 3\n").contains("  type: 1\n    d.txt\n");

    CliIT.Run repaired = verify("--checksum", "--repair");
    assertThat(repaired.code()).as(repaired.out() + repaired.err()).isZero();
    for (Path t : f.targets()) {
      // excluded: the daemon leaves it alone, and so does the repair
      assertThat(t.resolve("junk.tmp")).exists();
      assertThat(t.resolve("more.tmp")).doesNotExist();
      Files.delete(t.resolve("junk.tmp"));
      Files.deleteIfExists(t.resolve(".syncspool-flush-verifyit"));
      Files.deleteIfExists(t.resolve(".syncspool-probe-verifyit"));
    }
    Files.delete(f.source.resolve("more.tmp"));
    Files.delete(f.source.resolve("kept.tmp"));
    for (Path t : f.targets()) {
      TreeAssert.assertMirrors(f.source, t);
    }
    assertThat(verify("--checksum").code()).isZero();
  }

  /**
   * A tree shared out over parallel dry runs (Partition: one per top directory here) finds the
   * same drift as one run, inside the shared directories and between them, on both targets.
   */
  @Test
  void parallelRunsFindWhatOneRunFinds() throws Exception {
    for (String d : List.of("p1", "p2/sub", "p3/q", "p4")) {
      Files.createDirectories(f.source.resolve(d));
    }
    for (String p : List.of("p1/x", "p1/keep", "p2/sub/y", "p3/q/z", "p4/y")) {
      Files.writeString(f.source.resolve(p), p);
    }
    CliIT.Run seeded = verify("--repair");
    assertThat(seeded.code()).as(seeded.out() + seeded.err()).isZero();
    assertThat(verify("--parallel", "3").code()).isZero();
    for (Path t : f.targets()) {
      Files.delete(t.resolve("p1/x"));                              // missing, in a share
      Files.writeString(t.resolve("p2/sub/extra"), "x");            // extra, deep in a share
      Files.writeString(t.resolve("p2/sub/junk.tmp"), "excluded");  // never drift
      RecoveryIT.deleteTree(t.resolve("p3"));                       // a shared directory gone
      Files.createDirectories(t.resolve("p9"));                     // extra beside the shares
      Files.writeString(t.resolve("p9/w"), "w");
      Files.setPosixFilePermissions(t.resolve("p4/y"), PosixFilePermissions.fromString("rw-------"));
    }
    Map<String, List<String>> expected = new TreeMap<>(Map.of(
        "missing", List.of("p1/x", "p3"), "extra", List.of("p2/sub/extra", "p9"),
        "mode", List.of("p4/y")));
    for (String n : List.of("1", "3", "8")) {
      CliIT.Run r = verify("--json", "--parallel", n);
      assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
      Map<String, Map<String, List<String>>> found = drift(r.out());
      assertThat(found).as("--parallel " + n).hasSize(2);
      found.values().forEach(k -> assertThat(k).as("--parallel " + n).isEqualTo(expected));
    }
    assertThat(verify("--parallel", "0").code()).isEqualTo(64);
  }

  @Test
  void aConfigErrorExits78() throws Exception {
    Path bad = Files.writeString(tmp.resolve("bad.xml"), "<head version=\"2.5\"><sersync>");
    CliIT.Run r = CliIT.syncspool("verify", "-o", bad.toString());
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(78);
  }

  /** --repair while the daemon runs: journaled, sent by its workers, flushed, clean again. */
  @Test
  void repairsThroughARunningDaemon() throws Exception {
    // The endpoint's flush barrier taps the watcher's appends: made before start, as RunCommand
    // does (Daemon.addAppendTap); made after, it never saw its cookie and the flush timed out.
    org.syncspool.service.http.Endpoint[] ep = new org.syncspool.service.http.Endpoint[1];
    f.start(false, d -> ep[0] = org.syncspool.service.http.Endpoint.around(d));
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
        .pollInterval(java.time.Duration.ofMillis(100)).until(() -> f.daemon().workers().stream()
            .allMatch(w -> w.backlog() == 0 && w.state().name().equals("IDLE")));
    drift();
    CliIT.Run r;
    try (org.syncspool.service.http.Endpoint http = ep[0]) {
      http.serve(); // how verify --repair finds the running daemon (GET /status)
      r = verify("--checksum", "--repair", "--timeout", "30");
    }
    assertThat(r.code()).as(printable(r.out() + r.err())).isZero();
    assertThat(r.err()).contains("journaled").contains("the daemon sent the repairs");
    for (Path t : f.targets()) {
      assertThat(t.resolve("a.txt")).exists();
      assertThat(t.resolve("extra.txt")).doesNotExist();
      assertThat(Files.readString(t.resolve("c.txt"))).isEqualTo("charlie");
      assertThat(Files.readString(t.resolve("f.txt"))).isEqualTo("foxtrot");
      assertThat(Files.getOwner(t.resolve("sub/deep/e.txt")).getName()).isEqualTo("root");
    }
    assertThat(verify("--checksum").code()).isZero();
  }

  @Test
  void aTargetDownIsNamedAndExits69() throws Exception {
    f.rsyncd.close();
    CliIT.Run r = verify();
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(69);
    assertThat(r.err()).contains("target 127.0.0.1::").contains("cannot be reached");
    assertThat(r.out()).contains(f.mirror + ": OK");
  }

  /** The daemon's scheduled audit: same findings, a repair through the workers, a down target skipped. */
  @Test
  void theDaemonAuditsRepairsAndSkipsADownTarget() throws Exception {
    f.engineElements = "<verify every=\"24h\" repair=\"true\"/>";
    f.writeConfig("""
        <filter start="true"><exclude expression="(.*)\\.tmp"/></filter>""", true);
    // the endpoint hooks the audit listener, which the daemon takes at its start
    f.start(false, d -> http = org.syncspool.service.http.Endpoint.around(d));
    http.serve();
    // the start-up scan resends what changed in the seconds before: let it finish first
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
        .pollInterval(java.time.Duration.ofMillis(100)).until(() -> f.daemon().workers().stream()
            .allMatch(w -> w.backlog() == 0 && w.state().name().equals("IDLE")));
    drift();
    Files.delete(f.source.resolve("more.tmp"));
    org.syncspool.service.AuditTimer audits = f.daemon().audits();
    assertThat(audits).isNotNull();
    audits.runOnce();
    Map<String, org.syncspool.verify.TargetAudit> last = audits.last();
    assertThat(last).hasSize(2);
    for (org.syncspool.verify.TargetAudit a : last.values()) {
      assertThat(a.outcome()).isEqualTo(org.syncspool.verify.TargetAudit.Outcome.DRIFT);
      Map<String, List<String>> kinds = new TreeMap<>();
      a.drift().forEach((k, ps) -> kinds.put(k.label(), ps.stream()
          .map(p -> new String(p.bytes(), StandardCharsets.UTF_8)).sorted().toList()));
      Map<String, List<String>> want = expected(false);
      want.put("missing", List.of("a.txt", "bad\ufffd", "new\nline"));
      assertThat(printable(kinds)).isEqualTo(printable(want));
    }
    // the findings in metrics and in status (issue 13, Build 3)
    {
      java.net.http.HttpResponse<String> m = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create(
              "http://127.0.0.1:" + f.httpPort + "/metrics")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(m.body())
          .containsPattern("syncspool_verify_drift_paths\\{[^}]*kind=\"missing\"[^}]*\\} 3")
          .containsPattern("syncspool_verify_drift_paths\\{[^}]*kind=\"owner\"[^}]*\\} 1")
          .contains("syncspool_verify_last_run_timestamp_seconds")
          .contains("syncspool_verify_duration_seconds");
      CliIT.Run status = CliIT.syncspool("status", "-o", f.configFile.toString());
      assertThat(status.out()).as(printable(status.out() + status.err()))
          .contains("last audit").contains("missing");
    }
    // repair="true": the drifted paths were journaled; the workers send them like any change
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
        .pollInterval(java.time.Duration.ofMillis(200)).untilAsserted(() -> {
          audits.runOnce();
          assertThat(audits.last().values()).allMatch(a ->
              a.outcome() == org.syncspool.verify.TargetAudit.Outcome.OK);
        });
    f.rsyncd.close();
    audits.runOnce();
    assertThat(audits.last().values()).extracting(org.syncspool.verify.TargetAudit::outcome)
        .containsExactlyInAnyOrder(org.syncspool.verify.TargetAudit.Outcome.OK,
            org.syncspool.verify.TargetAudit.Outcome.SKIPPED);
  }
}
