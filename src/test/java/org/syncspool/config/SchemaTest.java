package org.syncspool.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.xml.sax.SAXException;

/**
 * conf/syncspool.xsd accepts every shipped config and the test configs, rejects what the loader
 * rejects by shape, and knows every attribute of the extension elements the loader reads (so a
 * new setting without a schema line fails here, not in an operator's editor).
 */
class SchemaTest {
  static final Path XSD = Path.of("conf/syncspool.xsd");

  static Schema schema() throws SAXException {
    SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    return f.newSchema(XSD.toFile());
  }

  static void validate(String xml) throws SAXException, IOException {
    Validator v = schema().newValidator();
    v.validate(new StreamSource(new StringReader(xml.strip())));
  }

  static Stream<Path> shipped() throws IOException {
    try (Stream<Path> s = Files.list(Path.of("conf"))) {
      return s.filter(p -> p.toString().endsWith(".xml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("shipped")
  void everyShippedConfigIsValid(Path file) throws Exception {
    // demo.xml is a template: the demo command fills in its directory first
    validate(Files.readString(file).replace("@DEMO_DIR@", "/tmp/demo"));
  }

  @Test
  void theTestConfigsAreValid() throws Exception {
    validate(Samples.SERSYNC);
    validate(Samples.EXTENDED);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "<head><debug start=\"yes\"/></head>",
      "<head><host port=\"70000\"/></head>",
      "<head><inotify><rename start=\"true\"/></inotify></head>",
      "<head><sersync><localpath watch=\"relative\"/></sersync></head>",
      "<head><syncspool nosuch=\"1\"/></head>",
      "<head><syncspool quietMillis=\"-5\"/></head>",
      "<head><unknown/></head>"})
  void shapesTheLoaderRejectsAreInvalid(String xml) {
    assertThatThrownBy(() -> validate(xml)).isInstanceOf(SAXException.class);
  }

  @Test
  void opaquePluginsAndFreeElementOrderAreValid() throws Exception {
    validate("""
        <head version="2.5">
          <syncspool stateDir="/x"><changeLog path="/var/log/syncspool/changes.log"/></syncspool>
          <plugin name="refreshCDN"><localpath watch="/a"><cdninfo domainname="x" passwd="p"/></localpath></plugin>
          <sersync><rsync><ssh start="false"/><commonParams params="-a"/></rsync>
            <localpath watch="/a"><remote ip="h" name="m"/></localpath></sersync>
          <host hostip="127.0.0.1" port="8008"/>
        </head>
        """);
  }

  /** A file may name the schema for editors; both the schema and the loader accept that. */
  @Test
  void aConfigMayPointEditorsAtTheSchema() throws Exception {
    String xml = """
        <head version="2.5" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
              xsi:noNamespaceSchemaLocation="/usr/share/syncspool/syncspool.xsd">
          <sersync><localpath watch="/data/www"><remote path="/backup/www"/></localpath></sersync>
        </head>
        """;
    validate(xml);
    assertThat(Samples.parse(xml, Samples.extendedFs()).roots()).hasSize(1);
  }

  /** Every attribute the loader reads on these elements is declared in the schema. */
  @Test
  void theSchemaKnowsEveryAttributeOfTheExtensionElements() throws Exception {
    String xsd = Files.readString(XSD);
    for (String dto : List.of("Syncspool", "ChangeLog", "Remote", "Host", "Localpath")) {
      Class<?> c = Class.forName("org.syncspool.config.xml.Dto$" + dto);
      for (Field f : c.getDeclaredFields()) {
        JsonProperty p = f.getAnnotation(JsonProperty.class);
        if (p != null && f.getType() == String.class) {
          assertThat(xsd).as(dto + "." + p.value())
              .contains("<xs:attribute name=\"" + p.value() + "\"");
        }
      }
    }
  }
}
