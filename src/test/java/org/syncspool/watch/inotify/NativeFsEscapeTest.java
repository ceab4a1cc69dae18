package org.syncspool.watch.inotify;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Issue 10 item 6: a failing native file call names its path escaped (its message is logged). */
class NativeFsEscapeTest {
  @Test
  void theFailingPathIsEscapedInTheMessage() {
    byte[] evil = "/nonexistent/x\n2026-12-02 ERROR Forged\u001b[31m\\n"
        .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> NativeFs.list(evil, (name, off, len, type) -> { }))
        .hasMessageContaining("/nonexistent/x\\n2026-12-02 ERROR Forged\\x1b[31m\\\\n")
        .hasMessageNotContaining("\n").hasMessageNotContaining("\u001b");
  }
}
