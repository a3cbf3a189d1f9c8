/**
 * Machinery shared by the readers and writers of {@code format}; not API.
 */
@NullMarked
package io.github.incident4j.format.internal;

import org.jspecify.annotations.NullMarked;
