package org.syncspool.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.testing.RsyncDaemon;

/**
 * {@code syncspool check-targets} (the shaded jar) against real loopback rsync daemons, each set
 * up wrong in one way, and a refused ssh port: one line per target with the right diagnosis.
 */
class CheckTargetsIT {
  @TempDir
  Path tmp;

  private final List<RsyncDaemon> daemons = new ArrayList<>();

  @AfterEach
  void stopDaemons() throws InterruptedException {
    for (RsyncDaemon d : daemons) {
      d.close();
    }
  }

  private RsyncDaemon daemon(String name, RsyncDaemon.Options o) throws Exception {
    RsyncDaemon d = RsyncDaemon.start(tmp.resolve(name), o);
    daemons.add(d);
    return d;
  }

  /** One localpath per remote: the same daemon module may appear in several lines. */
  private Path config(Map<String, String> remotes) throws IOException {
    StringBuilder roots = new StringBuilder();
    for (Map.Entry<String, String> e : remotes.entrySet()) {
      Path watch = Files.createDirectories(tmp.resolve("src").resolve(e.getKey()));
      roots.append("<localpath watch=\"").append(watch).append("\">").append(e.getValue())
          .append("</localpath>\n");
    }
    Path conf = tmp.resolve("check.xml");
    Files.writeString(conf, """
        <head version="2.5">
          <sersync>
            %s
            <rsync>
              <commonParams params="-artuz"/>
              <auth start="true" users="%s" passwordfile="%s"/>
              <timeout start="true" time="20"/>
            </rsync>
          </sersync>
          <syncspool stateDir="%s"/>
        </head>
        """.formatted(roots, RsyncDaemon.USER, daemons.get(0).passwordFile(), tmp.resolve("state")));
    return conf;
  }

  private static String daemonRemote(RsyncDaemon d, String extra) {
    return "<remote ip=\"127.0.0.1\" name=\"" + RsyncDaemon.MODULE + "\" port=\"" + d.port()
        + "\" " + extra + "/>";
  }

  private Path passwordFile(String name, String password, String mode) throws IOException {
    Path f = tmp.resolve(name);
    Files.writeString(f, password + "\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
    return f;
  }

  @Test
  void eachMisconfigurationHasItsDiagnosisAndTheExitCodeIsOne() throws Exception {
    RsyncDaemon good = daemon("good", RsyncDaemon.Options.WORKING);
    RsyncDaemon readOnly = daemon("ro", RsyncDaemon.Options.WORKING.readOnlyModule());
    RsyncDaemon unwritable = daemon("nw", RsyncDaemon.Options.WORKING.unwritableModule());
    RsyncDaemon openSecrets = daemon("sec", RsyncDaemon.Options.WORKING.secrets("rw-r--r--"));
    RsyncDaemon noDeletes = daemon("nodel", RsyncDaemon.Options.WORKING.refusingDeletes());
    String password = Files.readString(good.passwordFile()).strip();
    Path wrong = passwordFile("wrong.pas", "not-" + password, "rw-------");
    Path readable = passwordFile("readable.pas", password, "rw-r--r--");
    int closed = freePort();

    Map<String, String> remotes = new LinkedHashMap<>();
    remotes.put("good", daemonRemote(good, ""));
    remotes.put("refused", daemonRemote(good, "").replace("port=\"" + good.port(),
        "port=\"" + closed));
    remotes.put("module", "<remote ip=\"127.0.0.1\" name=\"nosuchmodule\" port=\"" + good.port()
        + "\"/>");
    remotes.put("password", daemonRemote(good, "passwordfile=\"" + wrong + "\""));
    remotes.put("user", daemonRemote(good, "user=\"mallory\""));
    remotes.put("mode", daemonRemote(good, "passwordfile=\"" + readable + "\""));
    remotes.put("readonly", daemonRemote(readOnly, ""));
    remotes.put("unwritable", daemonRemote(unwritable, ""));
    remotes.put("secrets", daemonRemote(openSecrets, ""));
    remotes.put("nodeletes", daemonRemote(noDeletes, ""));
    remotes.put("ssh", "<remote ip=\"127.0.0.1\" name=\"/srv/x\" ssh=\"true\" port=\"" + closed
        + "\"/>");
    remotes.put("unknownhost", "<remote ip=\"no-such-host.invalid\" name=\"m\"/>");
    remotes.put("local", "<remote path=\"" + tmp.resolve("mirror") + "\"/>");
    Files.createDirectories(tmp.resolve("mirror"));

    CliIT.Run r = CliIT.syncspool("check-targets", "-o", config(remotes).toString());

    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
    List<String> lines = r.out().strip().lines().toList();
    assertThat(lines).as(r.out()).hasSize(remotes.size());
    // loading's warnings are logged to stderr: stdout is one line per target
    assertThat(r.err()).contains("receives roots");
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("good", ": ok: listed; probe .syncspool-probe-");
    expected.put("refused", ": connection refused: ");
    expected.put("module", ": module unknown: ");
    expected.put("password", ": auth failed: ");
    expected.put("user", ": auth failed: ");
    expected.put("mode", ": password file not mode 600: ");
    expected.put("readonly", ": module read only: ");
    expected.put("unwritable", ": destination not writable: ");
    expected.put("secrets", ": auth failed: ");
    expected.put("nodeletes", ": probe not removed: ");
    expected.put("ssh", ": ssh not set up: ");
    expected.put("unknownhost", ": host unknown: ");
    expected.put("local", ": ok: listed; probe ");
    int i = 0;
    for (Map.Entry<String, String> e : expected.entrySet()) {
      assertThat(lines.get(i++)).as(e.getKey() + "\n" + r.out()).contains(e.getValue());
    }
    // The probes were removed again; nothing reached the failing modules.
    assertThat(good.moduleDir()).isEmptyDirectory();
    assertThat(tmp.resolve("mirror")).isEmptyDirectory();
    assertThat(readOnly.moduleDir()).isEmptyDirectory();
    assertThat(unwritable.moduleDir()).isEmptyDirectory();
    // refused outright (exit 4, our deletion runs pass --delete) or skipped silently (the probe
    // is listed afterwards): either way named
    assertThat(lines.get(9)).containsAnyOf("refuse --delete", "skips deletions");
  }

  @Test
  void allFineIsExitZero() throws Exception {
    RsyncDaemon good = daemon("good", RsyncDaemon.Options.WORKING);
    Map<String, String> remotes = new LinkedHashMap<>();
    remotes.put("a", daemonRemote(good, ""));
    remotes.put("b", "<remote path=\"" + tmp.resolve("not-yet") + "\"/>");
    CliIT.Run r = CliIT.syncspool("check-targets", "-o", config(remotes).toString());
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("does not exist yet");
    assertThat(tmp.resolve("not-yet")).doesNotExist();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
