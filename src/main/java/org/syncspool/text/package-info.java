/**
 * How names are printed: {@link org.syncspool.text.PathEscape}, the one escaper for paths in
 * logs, status, the change list and {@code journal tail} (docs/security.md). Pure, a leaf.
 */
@NullMarked
package org.syncspool.text;

import org.jspecify.annotations.NullMarked;
