package org.syncspool.config.xml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.syncspool.config.ConfigException;

/**
 * Jackson's multi-line messages (class names, reference chains) to our one line
 * {@code FILE:LINE:COL: what is wrong}, worded in elements and attributes.
 */
final class JacksonErrors {
  private JacksonErrors() {}

  static ConfigException translate(JsonProcessingException e, Path file, XmlOutline outline) {
    JsonLocation loc = e.getLocation();
    int line = loc == null ? 0 : loc.getLineNr();
    int col = loc == null ? 0 : loc.getColumnNr();
    if (!(e instanceof JsonMappingException m) || m.getPath().isEmpty()) {
      // The outline pass already rejected malformed XML; this is a fallback.
      return new ConfigException(file, line, col,
          "malformed XML: " + XmlOutline.firstLine(e.getOriginalMessage()));
    }
    List<JsonMappingException.Reference> path = m.getPath();
    String prop = path.get(path.size() - 1).getFieldName();
    String container = "head";
    for (int i = path.size() - 2; i >= 0; i--) {
      if (path.get(i).getFieldName() != null) {
        container = path.get(i).getFieldName();
        break;
      }
    }
    if (prop == null) {
      prop = container;
    }
    XmlOutline.Tag at = outline.locateUnknown(container, prop, line, col);
    boolean isElement = at != null && at.name().equals(prop) && !at.name().equals(container);
    if (at == null) {
      at = outline.locate(container, line, col);
    }
    if (at != null) {
      line = at.line();
      col = at.column();
    }
    String problem;
    if (e instanceof UnrecognizedPropertyException u) {
      if (prop.isEmpty()) {
        problem = "unexpected text inside <" + container + "> (sersync settings are attributes)";
      } else {
        String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
            .map(String::valueOf).sorted().collect(Collectors.joining(", "));
        problem = (isElement ? "unknown element <" + prop + ">" : "unknown attribute '" + prop + "'")
            + " in <" + container + ">" + (known.isEmpty() ? "" : " (known: " + known + ")");
      }
    } else {
      // e.g. remote="x" as an attribute where <remote .../> elements belong, or text where
      // attributes belong. Jackson's own wording names Java types: not for operators.
      String msg = String.valueOf(m.getOriginalMessage());
      problem = msg.contains("java.lang.String")
          ? "'" + prop + "' in <" + container + "> must be an attribute (" + prop
              + "=\"...\"), not an element with attributes or children"
          : "'" + prop + "' in <" + container + "> must be written as an element with "
              + "attributes (<" + prop + " .../>), not as an attribute or text";
    }
    return new ConfigException(file, line, col, problem);
  }
}
