package org.syncspool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Excludes as docs/configuration.md describes them, end to end to a local directory and a
 * loopback rsync daemon: {@code (?i)} is inotifywait's {@code --excludei}, an expression matches
 * the whole path below the root (so {@code (?i)cache} is only the top-level directory), and an
 * excluded directory gets no watch.
 */
class ExcludeIT {
  @TempDir
  Path tmp;
  ReplicationFixture f;

  @AfterEach
  void stop() throws Exception {
    if (f != null) {
      f.close();
    }
  }

  @Test
  void caseInsensitiveExcludeKeepsFooTmpOffEveryTarget() throws Exception {
    f = new ReplicationFixture(tmp);
    Path src = f.source;
    Files.writeString(src.resolve("Old.TMP"), "there before the start: the full sync skips it");
    Files.createDirectories(src.resolve("Cache/deep"));
    Files.createDirectories(src.resolve("sub/cache"));
    f.writeConfig("""
        <filter start="true">
          <exclude expression="(?i).*\\.tmp"/>
          <exclude expression="(?i)cache"/>
        </filter>""", true);
    f.start(true);
    if (ReplicationFixture.WATCHER.equals("inotify")) { // fanotify has no watch per directory
      assertThat(f.daemon().watchCount()).as("root, sub, sub/cache; Cache and below pruned")
          .isEqualTo(3);
    }

    Files.writeString(src.resolve("Foo.TMP"), "excluded, whatever its case");
    Files.writeString(src.resolve("bar.tmp"), "excluded");
    Files.writeString(src.resolve("sub/Deep.Tmp"), "excluded at any depth");
    Files.writeString(src.resolve("Cache/deep/x.txt"), "inside an excluded directory");
    Files.writeString(src.resolve("sub/cache/kept.txt"), "anchored: only the top-level cache");
    Files.writeString(src.resolve("Foo.TMP.txt"), "full match: not excluded");
    Files.writeString(src.resolve("zz-last.txt"), "written last");
    for (Path target : f.targets()) {
      await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(target.resolve("zz-last.txt"))
          && Files.exists(target.resolve("sub/cache/kept.txt"))
          && Files.exists(target.resolve("Foo.TMP.txt")));
      assertThat(target.resolve("Foo.TMP")).doesNotExist();
      assertThat(target.resolve("Old.TMP")).doesNotExist();
      assertThat(target.resolve("bar.tmp")).doesNotExist();
      assertThat(target.resolve("sub/Deep.Tmp")).doesNotExist();
      assertThat(target.resolve("Cache")).doesNotExist();
    }
  }
}
