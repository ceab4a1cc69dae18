package org.syncspool.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.syncspool.testing.FakeFileChecks;

/** Each mistake is one line {@code FILE:LINE:COL: problem} pointing at the guilty element. */
class ConfigErrorsTest {

  /** A valid file around {@code inner}, which starts on line 7 inside {@code <sersync>}. */
  private static String sersync(String inner) {
    return """
        <head>
        <sersync>
        <localpath watch="/w">
          <remote ip="h" name="m"/>
        </localpath>
        <rsync>
        %s
        </rsync>
        </sersync>
        </head>
        """.formatted(inner);
  }

  private static FakeFileChecks fs() {
    return new FakeFileChecks().dir("/w", "/mirror-parent")
        .file("/etc/rsync.pas", "rw-------")
        .file("/etc/open.pas", "rw-r--r--")
        .file("/etc/group.pas", "rw-r-----")
        .file("/etc/nobody.pas", "rw-------").owned("/etc/nobody.pas", 65534)
        .dir("/etc/dir.pas")
        .special("/etc/fifo.pas");
  }

  private static ConfigException error(String xml) {
    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> Samples.parse(xml, fs()));
    assertThat(e).as("expected a ConfigException for:%n%s", xml).isNotNull();
    assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("org.syncspool")
        .startsWith(Samples.FILE + ":" + e.line() + ":" + e.column() + ": ");
    return e;
  }

  private static void assertError(String xml, int line, int column, String problem) {
    ConfigException e = error(xml);
    assertThat(e.problem()).isEqualTo(problem);
    assertThat(e.line()).as("line of: %s", problem).isEqualTo(line);
    assertThat(e.column()).as("column of: %s", problem).isEqualTo(column);
  }

  @Test
  void missingWatchDirectory() {
    assertError("<head>\n<sersync>\n  <localpath watch=\"/nope/\">\n<remote ip=\"h\" name=\"m\"/>"
        + "</localpath></sersync></head>", 3, 3, "watch directory /nope does not exist");
  }

  @Test
  void watchThatIsAFile() {
    assertError("<head><sersync>\n <localpath watch=\"/etc/rsync.pas\"><remote ip=\"h\" name=\"m\"/>"
        + "</localpath></sersync></head>", 2, 2, "watch directory /etc/rsync.pas is not a directory");
  }

  @Test
  void relativeWatch() {
    assertError("<head><sersync>\n <localpath watch=\"w\"><remote ip=\"h\" name=\"m\"/>"
        + "</localpath></sersync></head>", 2, 2,
        "<localpath watch=\"w\">: must be an absolute path (starting with /)");
  }

  @Test
  void nestedRoots() {
    assertError("""
        <head><sersync>
          <localpath watch="/w"><remote ip="h" name="m"/></localpath>
          <localpath watch="/w/sub/"><remote ip="h" name="m"/></localpath>
        </sersync></head>
        """, 3, 3, "watch directory /w/sub is inside /w (root 0); roots must not overlap, each "
        + "change would be replicated twice");
  }

  @Test
  void unknownElement() {
    assertError("<head>\n  <inotify>\n    <delete start=\"true\"/>\n    <chmod start=\"true\"/>"
        + "\n  </inotify>\n</head>", 4, 5, "unknown element <chmod> in <inotify> (known: attrib, "
        + "closeWrite, createFile, createFolder, delete, modify, moveFrom, moveTo)");
  }

  @Test
  void unknownAttribute() {
    assertError("<head>\n<sersync>\n<localpath watch=\"/w\">\n  <remote ip=\"h\" name=\"m\" "
        + "foo=\"1\"/>\n</localpath>\n</sersync>\n</head>", 4, 3, "unknown attribute 'foo' in "
        + "<remote> (known: bigFileLane, ip, keepVersions, name, passwordfile, path, port, ssh, sshConfig, standby, user)");
  }

  @Test
  void textInsideAnElement() {
    assertError("<head>\n<filter start=\"true\">\n  <exclude expression=\"a\">x</exclude>\n"
        + "</filter>\n</head>", 3, 3,
        "unexpected text inside <exclude> (sersync settings are attributes)");
  }

  @Test
  void repeatedSingleElement() {
    assertError("<head>\n<host port=\"1\"/>\n  <host port=\"2\"/>\n</head>", 3, 3,
        "<host> appears twice in <head> (first at line 2); keep one");
  }

  @Test
  void badRegexIsReportedAtItsExclude() {
    assertError("<head>\n<filter start=\"true\">\n  <exclude expression=\"(.*)\\.swp\"/>\n"
        + "\t<exclude expression=\"(.*\"/>\n</filter>\n</head>", 4, 2,
        "<exclude expression=\"(.*\">: not a valid Java regex: Unclosed group near index 3");
  }

  @Test
  void badRegexIsIgnoredWhileTheFilterIsOff() throws Exception {
    String xml = sersync("").replace("<head>",
        "<head>\n<filter start=\"false\"><exclude expression=\"(.*\"/></filter>");
    assertThat(Samples.parse(xml, fs()).excludes()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "0   | out of range; expected 1..65535",
      "70000 | out of range; expected 1..65535",
      "abc | not a whole number; expected 1..65535",
      "-1  | not a whole number; expected 1..65535"})
  void badPort(String port, String why) {
    assertError(sersync("  <userDefinedPort start=\"true\" port=\"" + port + "\"/>"), 7, 3,
        "<userDefinedPort port=\"" + port + "\">: " + why);
  }

  @Test
  void badPortOnARemoteOverride() {
    assertError("<head><sersync>\n<localpath watch=\"/w\">\n <remote ip=\"h\" name=\"m\" "
        + "port=\"99999\"/></localpath></sersync></head>", 3, 2,
        "<remote port=\"99999\">: out of range; expected 1..65535");
  }

  @Test
  void badHostPort() {
    assertError(sersync("").replace("<head>", "<head>\n <host hostip=\"0.0.0.0\" port=\"0\"/>"),
        2, 2, "<host port=\"0\">: out of range; expected 1..65535");
  }

  @Test
  void passwordFileReadableByOthers() {
    assertError(sersync("<auth start=\"true\" users=\"root\" passwordfile=\"/etc/open.pas\"/>"),
        7, 1, "password file /etc/open.pas has mode 644; rsync requires 600 "
            + "(chmod 600 /etc/open.pas)");
  }

  @Test
  void passwordFileReadableByGroup() {
    assertThat(error(sersync("<auth start=\"true\" users=\"u\" passwordfile=\"/etc/group.pas\"/>"))
        .problem()).startsWith("password file /etc/group.pas has mode 640;");
  }

  /** Issue 10 item 8: each passed check-config before, and rsync failed later. */
  @Test
  void passwordFileOwnedByAnotherUser() {
    assertError(sersync("<auth start=\"true\" users=\"u\" passwordfile=\"/etc/nobody.pas\"/>"),
        7, 1, "password file /etc/nobody.pas is owned by uid 65534, not by root; rsync refuses "
            + "it (chown root /etc/nobody.pas)");
  }

  @Test
  void passwordFileOwnedByTheUserSyncspoolRunsAsPassesAsRootsDoes() throws Exception {
    String xml = sersync("<auth start=\"true\" users=\"u\" passwordfile=\"/etc/nobody.pas\"/>");
    assertThat(Samples.parse(xml, fs().runningAs(65534)).roots()).hasSize(1);
    assertThat(catchThrowableOfType(ConfigException.class, () -> Samples.parse(xml,
        fs().runningAs(1000))).problem()).isEqualTo("password file /etc/nobody.pas is owned by "
        + "uid 65534, not by root or uid 1000 (this user); rsync refuses it (chown 1000 "
        + "/etc/nobody.pas)");
    assertThat(Samples.parse(sersync("<auth start=\"true\" users=\"u\" "
        + "passwordfile=\"/etc/rsync.pas\"/>"), fs().runningAs(1000)).roots()).hasSize(1);
  }

  @Test
  void passwordFileThatIsADirectory() {
    assertError(sersync("<auth start=\"true\" users=\"u\" passwordfile=\"/etc/dir.pas\"/>"),
        7, 1, "password file /etc/dir.pas is a directory, not a file");
  }

  @Test
  void passwordFileThatIsAFifoOnARemote() {
    assertError("<head><sersync><localpath watch=\"/w\">\n <remote ip=\"h\" name=\"m\" "
        + "passwordfile=\"/etc/fifo.pas\"/></localpath></sersync></head>", 2, 2,
        "password file /etc/fifo.pas is not a regular file (a device, FIFO or socket)");
  }

  @Test
  void passwordFileMissing() {
    assertError(sersync("<auth start=\"true\" users=\"root\" passwordfile=\"/etc/none.pas\"/>"),
        7, 1, "password file /etc/none.pas does not exist");
  }

  @Test
  void passwordFileIsCheckedWhenAuthIsOnEvenIfOnlyLocalTargetsExist() {
    assertError("<head><sersync><localpath watch=\"/w\"><remote path=\"/mirror-parent/m\"/>"
        + "</localpath>\n<rsync>\n  <auth start=\"true\" users=\"u\" passwordfile=\"/etc/open.pas\"/>"
        + "</rsync></sersync></head>", 3, 3,
        "password file /etc/open.pas has mode 644; rsync requires 600 (chmod 600 /etc/open.pas)");
  }

  @Test
  void passwordFileOverrideOnARemote() {
    assertError("<head><sersync><localpath watch=\"/w\">\n <remote ip=\"h\" name=\"m\" "
        + "passwordfile=\"/etc/group.pas\"/></localpath></sersync></head>", 2, 2,
        "password file /etc/group.pas has mode 640; rsync requires 600 (chmod 600 /etc/group.pas)");
  }

  @Test
  void sshConfigOnADaemonRemote() {
    assertError("<head><sersync><localpath watch=\"/w\">\n <remote ip=\"h\" name=\"m\" "
        + "sshConfig=\"/etc/ssh_config\"/></localpath></sersync></head>", 2, 2,
        "<remote sshConfig=\"/etc/ssh_config\">: an ssh configuration file is for ssh targets, "
        + "this remote is an rsync daemon");
  }

  @Test
  void sshConfigThatIsMissing() {
    assertError("<head><sersync><localpath watch=\"/w\">\n <remote ip=\"h\" name=\"/m\" "
        + "ssh=\"true\" sshConfig=\"/etc/none\"/></localpath></sersync></head>", 2, 2,
        "<remote sshConfig=\"/etc/none\">: no such file");
  }

  @Test
  void sshConfigAndStandbyOnASshRemote() throws Exception {
    Config c = Samples.parse("<head><sersync><localpath watch=\"/w\"><remote ip=\"h\" "
        + "name=\"/m\" ssh=\"true\" sshConfig=\"/etc/rsync.pas\" standby=\"false\"/>"
        + "</localpath></sersync></head>", fs());
    assertThat(c.targets().get(0).sshConfig()).isEqualTo(Path.of("/etc/rsync.pas"));
    assertThat(c.targets().get(0).standby()).isFalse();
  }

  @Test
  void standbyIsOnByDefault() throws Exception {
    Config c = Samples.parse(sersync(""), fs());
    assertThat(c.targets().get(0).standby()).isTrue();
    assertThat(c.targets().get(0).sshConfig()).isNull();
  }

  /** {@code bigFileLane}: a bad value is one line at the element that says it. */
  @ParameterizedTest(name = "{0} -> {1}:{2}")
  @CsvSource(delimiter = '|', value = {
      "<remote ip=\"h\" name=\"m\" bigFileLane=\"64X\"/>  | 4 | 1 | <remote bigFileLane=\"64X\">",
      "<remote ip=\"h\" name=\"m\" bigFileLane=\"-1\"/>   | 4 | 1 | <remote bigFileLane=\"-1\">",
      "<remote ip=\"h\" name=\"m\" bigFileLane=\"1.5G\"/> | 4 | 1 | <remote bigFileLane=\"1.5G\">",
      "<remote ip=\"h\" name=\"m\" bigFileLane=\"99999999999999999999\"/> | 4 | 1 | "
          + "<remote bigFileLane=\"99999999999999999999\">",
      "<remote ip=\"h\" name=\"m\" bigFileLane=\"9999999999T\"/> | 4 | 1 | "
          + "<remote bigFileLane=\"9999999999T\">",
  })
  void bigFileLaneThatIsNotASize(String remote, int line, int column, String start) {
    ConfigException e = error("<head>\n<sersync>\n<localpath watch=\"/w\">\n" + remote
        + "\n</localpath>\n</sersync>\n</head>");
    assertThat(e.line()).isEqualTo(line);
    assertThat(e.column()).isEqualTo(column);
    assertThat(e.problem()).isEqualTo(start + ": expected off, 0 or a size in bytes with an "
        + "optional K, M, G or T (powers of 1024): 64M, 1G");
  }

  @Test
  void bigFileLaneThatIsNotASizeInTheSyncspoolSection() {
    ConfigException e = error("<head>\n<sersync>\n<localpath watch=\"/w\">\n"
        + "<remote ip=\"h\" name=\"m\"/>\n</localpath>\n</sersync>\n"
        + "<syncspool bigFileLane=\"big\"/>\n</head>");
    assertThat(e.line()).isEqualTo(7);
    assertThat(e.problem()).startsWith("<syncspool bigFileLane=\"big\">: expected off, 0 or");
  }

  /** Cells: the remote's value, the shared default, what the target gets. */
  @ParameterizedTest(name = "remote {0}, syncspool {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "      |      | 67108864",
      "      | 1G   | 1073741824",
      "      | off  | 0",
      "      | 0    | 0",
      "512K  | off  | 524288",
      "off   | 1G   | 0",
      "0     |      | 0",
      "100   |      | 100",
      "2t    |      | 2199023255552",
      "64m   |      | 67108864",
  })
  void bigFileLaneOfTheRemoteElseTheSharedDefaultElse64M(String remote, String shared,
                                                         long expected) throws Exception {
    Config c = Samples.parse("<head><sersync><localpath watch=\"/w\"><remote ip=\"h\" name=\"m\""
        + (remote == null ? "" : " bigFileLane=\"" + remote + "\"") + "/></localpath></sersync>"
        + (shared == null ? "" : "<syncspool bigFileLane=\"" + shared + "\"/>") + "</head>", fs());
    assertThat(c.targets().get(0).bigFileLaneBytes()).isEqualTo(expected);
    assertThat(ConfigLoader.describe(c)).containsPattern("bigFileLane +" + (expected == 0 ? "off"
        : ".*second rsync"));
  }

  @Test
  void passwordFileIsNotCheckedWhileAuthIsOff() throws Exception {
    Config c = Samples.parse(
        sersync("<auth start=\"false\" users=\"root\" passwordfile=\"/etc/open.pas\"/>"), fs());
    assertThat(c.targets().get(0).passwordFile()).isNull();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "-R | '-R' (--relative) is not allowed in commonParams",
      "-artuzR | '-artuzR' contains -R (--relative), which is not allowed in commonParams",
      "--relative | '--relative' is not allowed in commonParams",
      "--delete | '--delete' is not allowed in commonParams",
      "--delete-after | '--delete-after' is not allowed in commonParams",
      "--del | '--del' is not allowed in commonParams",
      "--files-from=x | '--files-from=x' is not allowed in commonParams",
      "--from0 | '--from0' is not allowed in commonParams",
      "-0 | '-0' (--from0) is not allowed in commonParams",
      "-e ssh | '-e' (--rsh) is not allowed in commonParams",
      "--rsh=ssh | '--rsh=ssh' is not allowed in commonParams",
      "-avze ssh | '-avze' contains -e (--rsh), which is not allowed in commonParams",
      "--password-file=/p | '--password-file=/p' is not allowed in commonParams",
      "--remove-source-files | '--remove-source-files' is not allowed in commonParams",
      "-az /etc | '/etc' is not an option",
      "-az -- | '--' ends rsync's options"})
  void clashingCommonParams(String params, String start) {
    ConfigException e = error(sersync("<commonParams params=\"" + params + "\"/>"));
    assertThat(e.problem()).startsWith("<commonParams params=\"" + params + "\">: " + start)
        .endsWith("; remove it");
    assertThat(e.line()).isEqualTo(7);
    assertThat(e.column()).isEqualTo(1);
  }

  @Test
  void unterminatedQuoteInCommonParams() {
    assertError(sersync("<commonParams params=\"-az --exclude='x\"/>"), 7, 1,
        "<commonParams params=\"-az --exclude='x\">: unterminated ' quote");
  }

  @Test
  void malformedXml() {
    // Woodstox points just past the unexpected tag name
    assertError("<head>\n<sersync>\n</head>", 3, 6,
        "malformed XML: Unexpected close tag </head>; expected </sersync>.");
  }

  @Test
  void notXmlAtAll() {
    assertThat(error("hello").problem()).startsWith("malformed XML: Unexpected character 'h'");
  }

  @Test
  void wrongRootElement() {
    assertError("<?xml version=\"1.0\"?>\n<config/>", 2, 1,
        "root element is <config>; expected <head> (a sersync confxml.xml)");
  }

  @ParameterizedTest
  @CsvSource({"yes", "TRUE", "1", "' true'"})
  void badBoolean(String value) {
    assertError("<head>\n  <debug start=\"" + value + "\"/>\n</head>", 2, 3,
        "<debug start=\"" + value + "\">: must be \"true\" or \"false\"");
  }

  @Test
  void toggleWithoutStart() {
    assertError(sersync("  <ssh/>"), 7, 3,
        "<ssh> has no start attribute; write start=\"true\" or start=\"false\"");
  }

  @Test
  void noLocalpathPointsAtSersync() {
    assertError("<head>\n  <sersync>\n    <rsync/>\n  </sersync>\n</head>", 2, 3,
        "no <sersync><localpath watch=\"...\"> element: nothing to watch");
  }

  @Test
  void localpathWithoutRemote() {
    assertError("<head><sersync>\n<localpath watch=\"/w\"/></sersync></head>", 2, 1,
        "<localpath watch=\"/w\"> has no <remote>: nowhere to replicate to");
  }

  @Test
  void remoteWithBothPathAndIp() {
    assertThat(error("<head><sersync><localpath watch=\"/w\">\n<remote ip=\"h\" name=\"m\" "
        + "path=\"/x\"/></localpath></sersync></head>").problem())
        .startsWith("<remote> has both path and ip/name");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/w | local target /w is its watch directory /w: every copy would be replicated again",
      "/w/copy | local target /w/copy is inside its watch directory /w: every copy would be "
          + "replicated again",
      "/ | local target / contains its watch directory /w: a full sync would overwrite the source",
      "/nowhere/m | local target /nowhere/m: parent directory /nowhere does not exist (rsync "
          + "creates the target, not its parents)",
      "/etc/rsync.pas | local target /etc/rsync.pas exists and is not a directory"})
  void badLocalTarget(String path, String problem) {
    assertError("<head><sersync><localpath watch=\"/w\">\n  <remote path=\"" + path + "\"/>"
        + "</localpath></sersync></head>", 2, 3, problem);
  }

  @Test
  void duplicateTarget() {
    assertError("<head><sersync><localpath watch=\"/w\">\n<remote ip=\"h\" name=\"m\"/>\n"
        + "<remote ip=\"h\" name=\"m\"/></localpath></sersync></head>", 3, 1,
        "target h::m is listed twice for watch directory /w");
  }

  @Test
  void engineQuietLongerThanMaxDelay() {
    assertError(sersync("").replace("</head>",
        "<syncspool quietMillis=\"2000\" maxDelayMillis=\"1000\"/>\n</head>"), 10, 1,
        "<syncspool quietMillis=\"2000\" maxDelayMillis=\"1000\">: quietMillis must not exceed "
            + "maxDelayMillis");
  }

  @Test
  void watcherNotOneOfTheThree() {
    assertError(sersync("").replace("</head>", "<syncspool watcher=\"fan\"/>\n</head>"), 10, 1,
        "<syncspool watcher=\"fan\">: watcher must be auto, inotify or fanotify");
  }

  @Test
  void watcherIsReadAndDefaultsToAuto() throws Exception {
    assertThat(Samples.parse(sersync("").replace("</head>",
        "<syncspool watcher=\"inotify\"/>\n</head>"), fs()).engine().watcher())
        .isEqualTo(WatcherKind.INOTIFY);
    assertThat(Samples.parse(sersync(""), fs()).engine().watcher())
        .isEqualTo(WatcherKind.AUTO);
  }

  @Test
  void engineNonPositive() {
    assertError(sersync("").replace("</head>", "<syncspool parallel=\"0\"/>\n</head>"), 10, 1,
        "<syncspool parallel=\"0\">: out of range; expected at least 1");
  }

  @Test
  void crontabScheduleMustBePositive() {
    assertError(sersync("").replace("<rsync>", "<crontab start=\"true\" schedule=\"0\"/>\n<rsync>"),
        6, 1, "<crontab schedule=\"0\">: out of range; expected at least 1");
  }

  @Test
  void unreadableFileIsLineZero() {
    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> ConfigLoader.load(Path.of("/nonexistent/syncspool/confxml.xml")));
    assertThat(e.getMessage())
        .isEqualTo("/nonexistent/syncspool/confxml.xml:0:0: cannot read: No such file");
  }
}
