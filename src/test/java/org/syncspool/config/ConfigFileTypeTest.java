package org.syncspool.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.syncspool.cli.Main;

/** Issue 10 item 8: a FIFO hung the load forever, /dev/zero ended in OutOfMemoryError. */
class ConfigFileTypeTest {
  @TempDir
  Path tmp;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aFifoADeviceADirectoryAndAHugeFileAreOneLineAndExit78() throws Exception {
    Path fifo = tmp.resolve("fifo.xml");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    assertThatThrownBy(() -> ConfigLoader.load(fifo)).isInstanceOf(ConfigException.class)
        .hasMessage(fifo + ":0:0: not a regular file (a device, FIFO or socket)");
    assertThat(Main.execute("check-config", "-o", fifo.toString())).isEqualTo(78);
    assertThat(Main.execute("check-config", "-o", "/dev/zero")).isEqualTo(78);
    assertThatThrownBy(() -> ConfigLoader.load(tmp)).hasMessageContaining("a directory");
    Path huge = tmp.resolve("huge.xml");
    try (var ch = java.nio.channels.FileChannel.open(huge,
        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
      ch.truncate(0);
      ch.write(java.nio.ByteBuffer.wrap(new byte[] {'<'}), ConfigLoader.MAX_BYTES + 1);
    }
    assertThat(Files.size(huge)).isGreaterThan(ConfigLoader.MAX_BYTES);
    assertThatThrownBy(() -> ConfigLoader.load(huge)).hasMessageContaining("larger than 4 MiB");
  }
}
