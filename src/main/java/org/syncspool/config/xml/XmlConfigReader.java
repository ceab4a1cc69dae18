package org.syncspool.config.xml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import java.nio.file.Path;
import java.util.Objects;
import javax.xml.stream.XMLInputFactory;
import org.syncspool.config.Config;
import org.syncspool.config.ConfigException;
import org.syncspool.config.ConfigLoader;
import org.syncspool.config.FileChecks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one public door into this package, for {@link ConfigLoader}: XML text to a validated
 * {@link Config}. Three passes: {@link XmlOutline} (well-formed, shape, positions), Jackson
 * (DTOs, unknown names rejected), {@link HeadMapper} (values, defaults, file checks).
 */
public final class XmlConfigReader {
  private static final Logger log = LoggerFactory.getLogger(ConfigLoader.class);

  private static final XMLInputFactory STAX = newStax();
  private static final XmlMapper MAPPER = XmlMapper.builder(new XmlFactory(STAX))
      .addModule(LocationCapture.module())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private XmlConfigReader() {}

  /**
   * Parses and validates {@code xml}. Touches the disk only through {@code checks}; logs the
   * accepted-but-ignored sersync settings at INFO, one line each, once the file is valid.
   *
   * @param file for messages only ({@code FILE:LINE:COL: ...})
   */
  public static Config read(String xml, Path file, FileChecks checks) throws ConfigException {
    Objects.requireNonNull(xml, "xml");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(checks, "checks");
    XmlOutline outline;
    try {
      outline = XmlOutline.scan(STAX, xml);
    } catch (XmlOutline.Problem p) {
      throw new ConfigException(file, p.line, p.column, p.getMessage());
    }
    Dto.Head head;
    try {
      head = MAPPER.readValue(xml, Dto.Head.class);
    } catch (JsonProcessingException e) {
      throw JacksonErrors.translate(e, file, outline);
    }
    Values values = new Values(file, checks, outline);
    Config config = HeadMapper.map(values, head);
    for (String note : values.notes) {
      log.info("{}: {}", file, note);
    }
    for (String warning : values.warnings) {
      log.warn("{}", warning);
    }
    return config;
  }

  /**
   * No DTDs, no external entities: a config file has no business fetching anything. The factory
   * found is Woodstox (jackson-dataformat-xml's dependency), whose positions Jackson reports too.
   */
  private static XMLInputFactory newStax() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    return f;
  }
}
