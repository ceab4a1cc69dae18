package org.syncspool.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.syncspool.check.RsyncDiagnosis.Step;
import org.syncspool.config.Target.Mode;

/** One row per message rsync 3.5.0 / OpenSSH printed by hand for each misconfiguration. */
class RsyncDiagnosisTest {

  @ParameterizedTest(name = "{0} {1} exit {2}: {3}")
  @CsvSource(delimiter = '|', textBlock = """
      DAEMON | LIST | 10 | rsync: [Receiver] failed to connect to 127.0.0.1 (127.0.0.1): Connection refused (111) | CONNECTION_REFUSED
      DAEMON | LIST | 5  | @ERROR: Unknown module 'nomod'                                                   | MODULE_UNKNOWN
      DAEMON | LIST | 5  | @ERROR: auth failed on module m                                                  | AUTH_FAILED
      DAEMON | LIST | 5  | Password: @ERROR: auth failed on module m                                        | AUTH_FAILED
      DAEMON | LIST | 5  | @ERROR: access denied to deny from UNDETERMINED (127.0.0.1)                      | ACCESS_DENIED
      DAEMON | LIST | 5  | @ERROR: max connections (1) reached -- try again later                        | BUSY
      DAEMON | LIST | 1  | ERROR: password file must not be other-accessible                                | PASSWORD_FILE_MODE
      DAEMON | LIST | 1  | rsync: [Receiver] could not open password file x: No such file or directory (2) | PASSWORD_FILE_UNREADABLE
      DAEMON | LIST | 10 | rsync: getaddrinfo: nonexistent.invalid 873: Name or service not known           | HOST_UNKNOWN
      DAEMON | LIST | 10 | rsync: [Receiver] failed to connect to 10.0.0.9 (10.0.0.9): No route to host (113) | HOST_UNREACHABLE
      DAEMON | LIST | 35 | rsync error: timeout waiting for daemon connection (code 35)                     | HOST_UNREACHABLE
      DAEMON | PROBE_WRITE | 1  | ERROR: module is read only                                               | READ_ONLY
      DAEMON | PROBE_WRITE | 23 | rsync: [receiver] mkstemp ".p.0UU8gB" (in nw) failed: Permission denied (13) | NOT_WRITABLE
      DAEMON | PROBE_WRITE | 23 | rsync error: some files/attrs were not transferred (code 23)              | NOT_WRITABLE
      LOCAL  | PROBE_WRITE | 23 | rsync: [receiver] mkstemp "/m/.p" failed: Read-only file system (30)     | NOT_WRITABLE
      LOCAL  | LIST | 23 | rsync: [sender] change_dir "/m" failed: No such file or directory (2)          | DESTINATION_MISSING
      SSH    | LIST | 255 | ssh: connect to host 127.0.0.1 port 1: Connection refused                    | SSH_NOT_SET_UP
      SSH    | LIST | 255 | root@10.0.0.3: Permission denied (publickey,password).                       | SSH_NOT_SET_UP
      SSH    | LIST | 255 | Host key verification failed.                                                | SSH_NOT_SET_UP
      SSH    | LIST | 255 | kex_exchange_identification: Connection closed by remote host                | SSH_NOT_SET_UP
      SSH    | LIST | 255 | ssh: Could not resolve hostname nonexistent.invalid: Name or service not known | HOST_UNKNOWN
      SSH    | LIST | 127 | bash: line 1: rsync: command not found                                       | RSYNC_MISSING_ON_TARGET
      SSH    | LIST | 255 | something ssh never said before                                              | SSH_NOT_SET_UP
      DAEMON | LIST | 12  | something rsync never said before                                            | OTHER
      DAEMON | PROBE_REMOVE | 23 | rsync: [generator] delete_file: unlink(.p) failed: Permission denied (13) | PROBE_LEFT
      """)
  void diagnoses(Mode mode, Step step, int exit, String stderr, Diagnosis expected) {
    assertThat(RsyncDiagnosis.diagnose(mode, step, exit, stderr).diagnosis()).isEqualTo(expected);
  }

  @Test
  void detailIsTheLineThatDecidedNotRsyncsSummary() {
    String err = "rsync: [Receiver] failed to connect to h (h): Connection refused (111)\n"
        + "rsync error: error in socket IO (code 10) at clientserver.c(165) [Receiver=3.5.0]\n";
    assertThat(RsyncDiagnosis.diagnose(Mode.DAEMON, Step.LIST, 10, err).detail())
        .isEqualTo("rsync exit 10: rsync: [Receiver] failed to connect to h (h): "
            + "Connection refused (111)");
  }
}
