package org.syncspool.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.syncspool.testing.FakeFileChecks;

/**
 * The files under {@code conf/} parse. (Reads the two files from the source tree; everything
 * else still goes through the fake file system.)
 */
class ShippedConfigsTest {

  @Test
  void sampleConfxml() throws Exception {
    String xml = Files.readString(Path.of("conf/confxml.xml"));
    Config c = Samples.parse(xml, new FakeFileChecks().dir("/opt/tongbu"));
    assertThat(c.targets()).extracting(Target::id).containsExactly("0:127.0.0.1::tongbu1");
  }

  @Test
  void demo() throws Exception {
    String xml = Files.readString(Path.of("conf/demo.xml")).replace("@DEMO_DIR@", "/tmp/demo");
    Config c = Samples.parse(xml, new FakeFileChecks().dir("/tmp/demo/source"));
    assertThat(c.roots().get(0).watch()).isEqualTo(Path.of("/tmp/demo/source"));
    Target t = c.targets().get(0);
    assertThat(t.mode()).isEqualTo(Target.Mode.LOCAL);
    assertThat(t.localPath()).isEqualTo(Path.of("/tmp/demo/mirror"));
    assertThat(t.delete()).isTrue();
    assertThat(c.excludes()).containsExactly("(.*)\\.swp", "(.*)~");
    assertThat(c.engine().stateDir()).isEqualTo(Path.of("/tmp/demo/state"));
  }

  /** The packaged /etc/syncspool/syncspool.xml: the example the package creates directories for. */
  @Test
  void packagedConffile() throws Exception {
    String xml = Files.readString(Path.of("conf/syncspool.xml"));
    Config c = Samples.parse(xml, new FakeFileChecks()
        .dir("/var/lib/syncspool/example/source", "/var/lib/syncspool/example"));
    assertThat(c.http()).isEqualTo(HttpEndpoint.DEFAULT);
    assertThat(c.targets()).extracting(Target::name)
        .containsExactly("/var/lib/syncspool/example/mirror");
  }
}
