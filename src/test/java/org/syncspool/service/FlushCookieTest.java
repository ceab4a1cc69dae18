package org.syncspool.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FlushCookieTest {
  private static final String HEX32 = "0123456789abcdef0123456789abcdef";

  private static boolean is(String p) {
    return FlushCookie.is(p.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void onlyTopLevelCookieNamesAreCookies() {
    assertThat(is(".syncspool-flush-" + HEX32)).isTrue();
    assertThat(is(".syncspool-flush-")).as("the bare prefix").isFalse();
    assertThat(is("dir/.syncspool-flush-" + HEX32)).isFalse();
    assertThat(is(".syncspool-flush-" + HEX32.substring(1) + "/")).isFalse();
    assertThat(is(".syncspool-flus")).isFalse();
    assertThat(is("")).isFalse();
  }

  @Test
  void aUsersFileThatOnlyStartsLikeACookieIsNotOne() {
    // the old pid-counter names: a user's file named so must replicate, not be dropped
    assertThat(is(".syncspool-flush-123-1")).isFalse();
    assertThat(is(".syncspool-flush-" + HEX32.toUpperCase())).isFalse();
    assertThat(is(".syncspool-flush-" + HEX32 + "0")).isFalse();
  }

  @Test
  void freshNamesAreCookiesAndNeverRepeat() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String n = FlushCookie.next();
      assertThat(is(n)).as(n).isTrue();
      assertThat(seen.add(n)).as("repeated " + n).isTrue();
    }
  }
}
