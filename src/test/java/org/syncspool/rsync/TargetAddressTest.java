package org.syncspool.rsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncspool.config.Target;
import org.syncspool.config.Target.Mode;

class TargetAddressTest {
  private static Target ssh(String host, Integer port, String user) {
    return new Target("0:x", "x", 0, Mode.SSH, host, "/srv/m", null, port, user, null,
        List.of("-a"), null, true);
  }

  @Test
  void eachModeNamesItsDestinationEndingInASlash() {
    Target local = new Target("0:/mirror", "/mirror", 0, Mode.LOCAL, null, null,
        Path.of("/mirror"), null, null, null, List.of("-a"), null, true);
    assertThat(TargetAddress.destination(local)).isEqualTo("/mirror/");
    assertThat(TargetAddress.destination(ssh("h", null, "sync"))).isEqualTo("sync@h:/srv/m/");
    assertThat(TargetAddress.destination(ssh("::1", null, ""))).isEqualTo("[::1]:/srv/m/");
  }

  @Test
  void sshOptionsAreQuotedWordsAfterBatchMode() {
    assertThat(TargetAddress.sshCommand(ssh("h", 2222, null), List.of("ControlPath=/s/a b")))
        .isEqualTo("ssh -p 2222 -o BatchMode=yes -o 'ControlPath=/s/a b'");
  }
}
