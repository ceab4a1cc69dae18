package org.syncspool.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.syncspool.config.Target;
import org.syncspool.testing.FakeProcessRunner;

class ControlMasterTest {
  @TempDir
  Path tmp;

  private static Target ssh(Path config) {
    return new Target("0:h:/m", "h:/m", 0, Target.Mode.SSH, "h", "/m", null, 2222, "sync", null,
        List.of("-a"), null, true, config, true);
  }

  @ParameterizedTest(name = "ssh -G says [{0}] -> operator's own: {1}")
  @CsvSource(delimiter = '|', value = {
      "controlmaster false | false",
      "controlmaster no | false",
      "controlpath none | false",
      "controlmaster auto | true",
      "controlmaster true | true",
      "controlmaster autoask | true",
      "controlpath /home/u/.ssh/cm-%C | true",
      "user sync | false"})
  void operatorHasOne(String line, boolean own) {
    assertThat(ControlMaster.operatorHasOne("host h\n" + line + "\nport 22\n")).isEqualTo(own);
  }

  @Test
  void sshGAskedWithTheTargetsConfigPortAndUser() {
    assertThat(ControlMaster.argv(ssh(Path.of("/etc/s.conf")), List.of("-G"))).containsExactly(
        "ssh", "-F", "/etc/s.conf", "-p", "2222", "-l", "sync", "-o", "BatchMode=yes", "-G", "h");
  }

  @Test
  void ourMasterWhenTheConfigurationHasNone() throws Exception {
    FakeProcessRunner runner = new FakeProcessRunner(); // ssh -G: exit 0, nothing set
    Path dir = tmp.resolve("ssh");
    ControlMaster m = ControlMaster.of(ssh(null), dir, runner);
    assertThat(m.options()).containsExactly("ControlMaster=auto", "ControlPath=" + dir + "/%C",
        "ControlPersist=60");
    assertThat(java.nio.file.Files.getPosixFilePermissions(dir))
        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    m.close();
    assertThat(runner.calls().get(1).argv()).endsWith("-O", "exit", "h");
  }

  @Test
  void noneWhenSshGFails() {
    FakeProcessRunner runner = new FakeProcessRunner().alwaysExit(255);
    assertThat(ControlMaster.of(ssh(null), tmp.resolve("ssh"), runner).options()).isEmpty();
  }

  @Test
  void noneWhenTheSocketPathWouldBeTooLong() {
    Path deep = tmp.resolve("x".repeat(100));
    assertThat(ControlMaster.of(ssh(null), deep, new FakeProcessRunner()).options()).isEmpty();
  }

  @Test
  void noneForADaemonTarget() {
    Target d = new Target("0:d", "d", 0, Target.Mode.DAEMON, "h", "m", null, null, null, null,
        List.of("-a"), null, true);
    FakeProcessRunner runner = new FakeProcessRunner();
    assertThat(ControlMaster.of(d, tmp, runner).options()).isEmpty();
    assertThat(runner.callCount()).isZero();
  }
}
