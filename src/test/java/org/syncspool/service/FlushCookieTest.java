package org.syncspool.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FlushCookieTest {
  private static boolean is(String p) {
    return FlushCookie.is(p.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void onlyTopLevelCookieNamesAreCookies() {
    assertThat(is(".syncspool-flush-123-1")).isTrue();
    assertThat(is(".syncspool-flush-")).as("the bare prefix").isFalse();
    assertThat(is("dir/.syncspool-flush-123-1")).isFalse();
    assertThat(is(".syncspool-flush-1/x")).isFalse();
    assertThat(is(".syncspool-flus")).isFalse();
    assertThat(is("")).isFalse();
  }
}
