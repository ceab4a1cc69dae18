package org.syncspool.transfer;

import org.syncspool.batch.PathKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.syncspool.testing.FailingFileSystem;
import org.syncspool.testing.FakeFileSystem;

/** Which of a batch's paths go to the deletion run, through the file-system seam. */
class SourcePresenceTest {
  private final FakeFileSystem fs = new FakeFileSystem().file("/src/a.txt", 1).dir("/src/d", 1)
      .symlink("/src/link", 1);

  @Test
  void onlyWhatLstatDoesNotFindIsMissing() {
    SourcePresence p = SourcePresence.of(Path.of("/src"), fs);
    assertThat(p.missing(PathKey.of("a.txt"))).isFalse();
    assertThat(p.missing(PathKey.of("d"))).isFalse();
    assertThat(p.missing(PathKey.of("link"))).isFalse(); // the link itself, never its target
    assertThat(p.missing(PathKey.of("gone.txt"))).isTrue();
    assertThat(p.missing(PathKey.of("d/gone"))).isTrue();
    assertThat(p.missing(PathKey.of(""))).isFalse(); // the root is never deleted
  }

  @Test
  void aPathThatCannotBeLookedAtIsCopiedNotDeleted() {
    SourcePresence p = SourcePresence.of(Path.of("/src"),
        FailingFileSystem.broken(fs, "/src/bad"));
    assertThat(p.missing(PathKey.of("bad"))).isFalse(); // rsync's copy run reports the error
  }
}
