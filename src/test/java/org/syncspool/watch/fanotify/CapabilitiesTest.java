package org.syncspool.watch.fanotify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CapabilitiesTest {
  @Test
  void rootHasBoth() {
    Capabilities c = Capabilities.parse("Name:\tjava\nCapInh:\t0\nCapEff:\t000001ffffffffff\n");
    assertThat(c.has(Capabilities.CAP_SYS_ADMIN)).isTrue();
    assertThat(c.has(Capabilities.CAP_DAC_READ_SEARCH)).isTrue();
  }

  @Test
  void anUnprivilegedProcessHasNeither() {
    Capabilities c = Capabilities.parse("CapEff:\t0000000000000000\n");
    assertThat(c.has(Capabilities.CAP_SYS_ADMIN)).isFalse();
  }

  @Test
  void onlyDacReadSearch() {
    Capabilities c = Capabilities.parse("CapEff:\t0000000000000004\n");
    assertThat(c.has(Capabilities.CAP_DAC_READ_SEARCH)).isTrue();
    assertThat(c.has(Capabilities.CAP_SYS_ADMIN)).isFalse();
  }

  @Test
  void noLine() {
    assertThatThrownBy(() -> Capabilities.parse("Name: x\n")).hasMessageContaining("CapEff");
  }
}
