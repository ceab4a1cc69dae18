package org.syncspool.config.xml;

/**
 * Base of every DTO: where its element is, as Jackson saw it. {@link LocationCapture} fills the
 * fields while parsing; {@link XmlOutline#locate} turns them into the element's start tag.
 *
 * <p>The fields are package-private and unannotated, so Jackson does not see them as
 * properties: an attribute called {@code line} is still an unknown attribute.
 */
abstract class Located {
  String element = "head";
  int line;
  int column;

  final void at(String element, int line, int column) {
    this.element = element;
    this.line = line;
    this.column = column;
  }
}
