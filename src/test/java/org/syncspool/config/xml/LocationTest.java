package org.syncspool.config.xml;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import org.junit.jupiter.api.Test;

/**
 * Every DTO knows its element and the start tag it came from, with or without attributes,
 * including repeated elements that are not next to each other.
 */
class LocationTest {

  private static final String XML = String.join("\n",
      "<head version=\"2.5\">",                   // 1
      "  <inotify>",                              // 2
      "    <delete start=\"true\"/>",             // 3
      "  </inotify>",                             // 4
      "  <sersync>",                              // 5
      "    <localpath watch=\"/a\">",             // 6
      "      <remote ip=\"h\" name=\"m\"/>",      // 7
      "      <remote",                            // 8
      "         path=\"/b\"/>",                   // 9
      "    </localpath>",                         // 10
      "    <rsync>",                              // 11
      "      <ssh/>",                             // 12
      "    </rsync>",                             // 13
      "    <localpath watch=\"/c\"><remote path=\"/d\"/></localpath>", // 14
      "  </sersync>",
      "</head>");

  private static XmlOutline.Tag where(XmlOutline o, Located l) {
    return o.locate(l.element, l.line, l.column);
  }

  @Test
  void startTagOfEveryElement() throws Exception {
    XmlMapper mapper = XmlMapper.builder().addModule(LocationCapture.module())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    Dto.Head head = mapper.readValue(XML, Dto.Head.class);
    XmlOutline o = XmlOutline.scan(javax.xml.stream.XMLInputFactory.newFactory(), XML);

    assertThat(where(o, head)).extracting(XmlOutline.Tag::line, XmlOutline.Tag::column)
        .containsExactly(1, 1);
    assertThat(where(o, head.inotify)).extracting(XmlOutline.Tag::line, XmlOutline.Tag::column)
        .containsExactly(2, 3);
    assertThat(where(o, head.inotify.delete)).extracting(XmlOutline.Tag::line)
        .isEqualTo(3);
    assertThat(where(o, head.sersync)).extracting(XmlOutline.Tag::line, XmlOutline.Tag::column)
        .containsExactly(5, 3);
    assertThat(head.sersync.localpaths).hasSize(2);
    assertThat(where(o, head.sersync.localpaths.get(0)).line()).isEqualTo(6);
    assertThat(where(o, head.sersync.localpaths.get(0).remotes.get(0)).line()).isEqualTo(7);
    assertThat(where(o, head.sersync.localpaths.get(0).remotes.get(1)))
        .extracting(XmlOutline.Tag::line, XmlOutline.Tag::column).containsExactly(8, 7);
    assertThat(where(o, head.sersync.rsync).line()).isEqualTo(11);
    assertThat(head.sersync.rsync.ssh.element).isEqualTo("ssh");
    assertThat(where(o, head.sersync.rsync.ssh).line()).isEqualTo(12);
    assertThat(where(o, head.sersync.localpaths.get(1).remotes.get(0)))
        .extracting(XmlOutline.Tag::line, XmlOutline.Tag::column).containsExactly(14, 27);
  }
}
