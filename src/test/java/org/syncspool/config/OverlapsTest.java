package org.syncspool.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.cli.Main;

/**
 * Issue 10 item 4, each case the attacker's configs had, on a real file system (the symlinks
 * are real): rejected at load with one line, and check-config exits 78.
 */
class OverlapsTest {
  @TempDir
  Path tmp;

  private Path conf(String localpaths, String stateDir) throws IOException {
    Path f = tmp.resolve("c.xml");
    Files.writeString(f, "<head version=\"2.5\"><sersync>" + localpaths + "</sersync>"
        + "<syncspool stateDir=\"" + stateDir + "\"/></head>");
    return f;
  }

  private static String lp(Path watch, String remotes) {
    return "<localpath watch=\"" + watch + "\">" + remotes + "</localpath>";
  }

  private static String local(Path p) {
    return "<remote path=\"" + p + "\"/>";
  }

  private String rejected(Path conf) {
    assertThat(Main.execute("check-config", "-o", conf.toString())).isEqualTo(78);
    try {
      ConfigLoader.load(conf);
    } catch (ConfigException e) {
      assertThat(e.getMessage()).doesNotContain("\n");
      return e.problem();
    }
    throw new AssertionError("accepted: " + conf);
  }

  private Path dir(String name) throws IOException {
    return Files.createDirectories(tmp.resolve(name));
  }

  @Test
  void aTargetThatIsAnotherRootsWatch() throws Exception {
    Path a = dir("a");
    Path b = dir("b");
    assertThat(rejected(conf(lp(a, local(b)) + lp(b, local(dir("m"))), tmp + "/state")))
        .contains("local target " + b + " of root 0 is watch directory " + b + " (root 1)");
  }

  @Test
  void aTargetInsideItsRootThroughASymlink() throws Exception {
    Path a = dir("a");
    Path link = Files.createSymbolicLink(tmp.resolve("link"), a);
    assertThat(rejected(conf(lp(a, local(link.resolve("mirror"))), tmp + "/state")))
        .contains("is inside watch directory " + a).contains("symlinks resolved");
  }

  @Test
  void rootsThatOverlapThroughASymlink() throws Exception {
    Path a = dir("a");
    Path sub = dir("a/sub");
    Path link = Files.createSymbolicLink(tmp.resolve("b"), sub);
    assertThat(rejected(conf(lp(a, local(dir("m1"))) + lp(link, local(dir("m2"))),
        tmp + "/state"))).contains("roots must not overlap");
  }

  @Test
  void twoRootsWithOneTarget() throws Exception {
    Path m = dir("m");
    Path viaLink = Files.createSymbolicLink(tmp.resolve("m-link"), m);
    assertThat(rejected(conf(lp(dir("a"), local(m)) + lp(dir("b"), local(m)), tmp + "/state")))
        .contains("must not share a target");
    assertThat(rejected(conf(lp(dir("a"), local(m)) + lp(dir("b"), local(viaLink)),
        tmp + "/state"))).contains("must not share a target");
  }

  @Test
  void theTargetIsTheStateDirectory() throws Exception {
    Path state = dir("state");
    assertThat(rejected(conf(lp(dir("a"), local(state)), state.toString())))
        .contains("is state directory " + state).contains("remove the journal");
    assertThat(rejected(conf(lp(dir("a"), local(tmp.resolve("m"))), tmp + "/m/state")))
        .contains("contains state directory");
  }

  @Test
  void theStateDirectoryInsideARootAndTheWholeFileSystem() throws Exception {
    Path a = dir("a");
    assertThat(rejected(conf(lp(a, local(dir("m"))), a + "/.state")))
        .contains("state directory " + a + "/.state is inside watch directory " + a);
    assertThat(rejected(conf(lp(Path.of("/"), "<remote ip=\"127.0.0.1\" name=\"m\"/>"),
        tmp + "/state"))).contains("is the whole file system");
  }

  @Test
  void aGoodConfigPassesAndOneModuleForTwoRootsIsAWarning() throws Exception {
    Path c = conf(lp(dir("a"), "<remote ip=\"10.0.0.2\" name=\"www\"/>")
        + lp(dir("b"), "<remote ip=\"10.0.0.2\" name=\"www\"/>"), tmp + "/state");
    Config cfg = ConfigLoader.load(c);
    assertThat(Overlaps.warnings(cfg)).singleElement().asString()
        .contains("10.0.0.2::www receives roots [0, 1]");
    assertThat(Overlaps.problems(cfg, Overlaps.SYSTEM)).isEmpty();
    assertThatThrownBy(() -> Overlaps.check(cfg.withStateDir(tmp.resolve("a/s")),
        Overlaps.SYSTEM)).isInstanceOf(ConfigException.class).hasMessageContaining("inside");
  }
}
