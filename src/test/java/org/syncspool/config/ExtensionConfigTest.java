package org.syncspool.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncspool.testing.FakeFileChecks;

/** Our additive extensions: several roots, local targets, per-remote overrides, <syncspool>. */
class ExtensionConfigTest {

  private static final List<String> PARAMS = List.of("-az", "--exclude", "*.tmp", "--bwlimit=1000");

  private static Config extended() throws ConfigException {
    return Samples.parse(Samples.EXTENDED, Samples.extendedFs());
  }

  @Test
  void headLevelSettings() throws Exception {
    Config c = extended();
    assertThat(c.http()).isEqualTo(new HttpEndpoint("0.0.0.0", 9090));
    assertThat(c.excludes()).containsExactly("(.*)\\.swp", "(.*)~");
    assertThat(c.events()).as("missing toggles keep their defaults").isEqualTo(
        new EventToggles(false, true, true, true, true, true, true, true));
    assertThat(c.failLog()).isNull();
    assertThat(c.crontab()).isEqualTo(new Crontab(true, 120, List.of("*.php")));
    assertThat(c.engine()).isEqualTo(
        new Engine(Path.of("/var/lib/ss"), null, 50, 500, 100, 3000, 300_000, 3, 1_000_000, 72, 2));
    assertThat(c.engine().journal()).isEqualTo(Path.of("/var/lib/ss/journal"));
  }

  @Test
  void twoRootsInFileOrder() throws Exception {
    List<Root> roots = extended().roots();
    assertThat(roots).extracting(Root::id).containsExactly(0, 1);
    assertThat(roots).extracting(Root::watch)
        .as("trailing slash dropped").containsExactly(Path.of("/data/www"), Path.of("/data/img"));
  }

  @Test
  void localTargetIgnoresTheNetworkSettings() throws Exception {
    Target t = extended().roots().get(0).targets().get(0);
    assertThat(t).isEqualTo(new Target("0:/backup/www", "/backup/www", 0, Target.Mode.LOCAL,
        null, null, Path.of("/backup/www"), null, null, null, PARAMS, 30, false));
  }

  @Test
  void remoteOverridesWinOverSharedSettings() throws Exception {
    Target t = extended().roots().get(0).targets().get(1);
    assertThat(t).isEqualTo(new Target("0:10.0.0.2::www", "10.0.0.2::www", 0,
        Target.Mode.DAEMON, "10.0.0.2", "www", null, 8873, "alice", Path.of("/etc/alice.pas"),
        PARAMS, 30, false));
  }

  @Test
  void sshRemoteAndSharedDaemonSettings() throws Exception {
    List<Target> img = extended().roots().get(1).targets();
    assertThat(img.get(0)).isEqualTo(new Target("1:10.0.0.3:/srv/img", "10.0.0.3:/srv/img", 1,
        Target.Mode.SSH, "10.0.0.3", "/srv/img", null, 874, "sync", null, PARAMS, 30, false));
    assertThat(img.get(1)).isEqualTo(new Target("1:10.0.0.4::img", "10.0.0.4::img", 1,
        Target.Mode.DAEMON, "10.0.0.4", "img", null, 874, "sync", Path.of("/etc/rsync.pas"),
        PARAMS, 30, false));
  }

  @Test
  void sharedSshMakesEveryNetworkRemoteSsh() throws Exception {
    String xml = """
        <head><sersync>
          <localpath watch="/w"><remote ip="h" name="/dst"/><remote ip="g" name="m" ssh="false"/></localpath>
          <rsync><ssh start="true"/></rsync>
        </sersync></head>
        """;
    List<Target> t = Samples.parse(xml, new FakeFileChecks().dir("/w")).targets();
    assertThat(t).extracting(Target::mode).containsExactly(Target.Mode.SSH, Target.Mode.DAEMON);
    assertThat(t).extracting(Target::id).containsExactly("0:h:/dst", "0:g::m");
  }

  @Test
  void describeShowsEveryTarget() throws Exception {
    String text = ConfigLoader.describe(extended());
    assertThat(text).contains("0.0.0.0:9090", "(.*)\\.swp", "0:/backup/www", "0:10.0.0.2::www",
        "1:10.0.0.3:/srv/img", "/etc/alice.pas", "-az --exclude *.tmp --bwlimit=1000",
        "every 120 min", "*.php", "/var/lib/ss/journal", "parallel");
  }

  @Test
  void utf8FileDeclaringLatin1KeepsUtf8Paths() throws Exception {
    String xml = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><head/>";
    assertThat(ConfigLoader.decode(xml.replace("<head/>", "<head>\u4e2d</head>")
        .getBytes(StandardCharsets.UTF_8), Samples.FILE)).endsWith("<head>\u4e2d</head>");
  }

  @Test
  void nonUtf8FileUsesItsDeclaredEncoding() throws Exception {
    byte[] gbk = "<?xml version=\"1.0\" encoding=\"GBK\"?><head>\u4e2d</head>"
        .getBytes(java.nio.charset.Charset.forName("GBK"));
    assertThat(ConfigLoader.decode(gbk, Samples.FILE)).endsWith("<head>\u4e2d</head>");
  }
}
