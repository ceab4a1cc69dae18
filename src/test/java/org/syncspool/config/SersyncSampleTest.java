package org.syncspool.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.syncspool.testing.FakeFileChecks;

/** sersync's own sample file, unchanged, reads into the records sersync meant. */
class SersyncSampleTest {

  private static Config sample() throws ConfigException {
    return Samples.parse(Samples.SERSYNC, new FakeFileChecks().dir("/opt/tongbu"));
  }

  @Test
  void headLevelSettings() throws Exception {
    Config c = sample();
    assertThat(c.source()).isEqualTo(Samples.FILE);
    assertThat(c.http()).isEqualTo(new HttpEndpoint("localhost", 8008));
    assertThat(c.debug()).isFalse();
    assertThat(c.excludes()).as("filter start=false: excludes not used").isEmpty();
    assertThat(c.events()).isEqualTo(
        new EventToggles(true, true, false, true, true, true, false, false));
    assertThat(c.failLog()).isEqualTo(new FailLog(Path.of("/tmp/rsync_fail_log.sh"), 60));
    assertThat(c.crontab()).isEqualTo(Crontab.OFF);
    assertThat(c.engine()).isEqualTo(Engine.defaults());
  }

  @Test
  void oneDaemonTarget() throws Exception {
    Config c = sample();
    assertThat(c.roots()).hasSize(1);
    Root root = c.roots().get(0);
    assertThat(root.id()).isZero();
    assertThat(root.watch()).isEqualTo(Path.of("/opt/tongbu"));
    assertThat(c.targets()).containsExactly(new Target("0:127.0.0.1::tongbu1",
        "127.0.0.1::tongbu1", 0, Target.Mode.DAEMON, "127.0.0.1", "tongbu1", null, null, null,
        null, List.of("-artz"), null, true)); // -u dropped (RsyncParams.withoutUpdate)
  }

  @Test
  void missingWatchDirectoryIsAnError() {
    assertThatThrownBy(() -> Samples.parse(Samples.SERSYNC, new FakeFileChecks()))
        .isInstanceOfSatisfying(ConfigException.class, e -> {
          assertThat(e.line()).isEqualTo(24);
          assertThat(e.column()).isEqualTo(2);
          assertThat(e.getMessage()).isEqualTo(
              "/etc/syncspool/confxml.xml:24:2: watch directory /opt/tongbu does not exist");
        });
  }

  @Test
  void noDefaultsNeeded_emptyHeadIsAnErrorOnlyForMissingLocalpath() {
    assertThatThrownBy(() -> Samples.parse("<head/>", new FakeFileChecks()))
        .hasMessage("/etc/syncspool/confxml.xml:1:1: no <sersync><localpath watch=\"...\"> "
            + "element: nothing to watch");
  }

  @Test
  void acceptedButIgnoredSettingsAreLoggedOnceEachWithoutPluginContent() throws Exception {
    List<String> lines = org.syncspool.testing.LogCapture.of(ConfigLoader.class, SersyncSampleTest::sample)
        .stream().map(l -> l.substring(l.indexOf(' ') + 1)).toList();
    assertThat(lines).hasSize(6).doesNotHaveDuplicates()
        .anyMatch(l -> l.startsWith("/etc/syncspool/confxml.xml:30:6: ")
            && l.contains("-u (--update) is dropped"))
        .anyMatch(l -> l.contains("<fileSystem"))
        .anyMatch(l -> l.contains("createFile") && l.contains("links"))
        .anyMatch(l -> l.contains("<failLog"))
        .anyMatch(l -> l.contains("<crontab"))
        .anyMatch(l -> l.contains("3 <plugin> element(s)"))
        .noneMatch(l -> l.contains("xxxx") || l.contains("passwd"));
  }

  @Test
  void describeShowsEverySettingButNoPluginSecret() throws Exception {
    String text = ConfigLoader.describe(sample());
    assertThat(text)
        .contains("localhost:8008", "/opt/tongbu", "0:127.0.0.1::tongbu1", "-artz",
            "/tmp/rsync_fail_log.sh", "quietMillis", "/var/lib/syncspool/journal", "crontab")
        .doesNotContain("xxxx", "passwd", "cdninfo", "chinacache", "/bin/sh");
    assertThat(text.lines()).allMatch(l -> l.length() < 200);
  }
}
