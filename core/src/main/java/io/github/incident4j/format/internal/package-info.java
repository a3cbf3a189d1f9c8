/**
 * Machinery shared by the readers and writers of {@code format}; not API.
 *
 * <p>Two YAML layers: {@link io.github.incident4j.format.internal.YamlTree} reads a document into located
 * {@link io.github.incident4j.format.internal.YamlNode}s (values only); the lossless layer keeps the text itself:
 * {@link io.github.incident4j.format.internal.YamlSource} gives every node its exact characters,
 * {@link io.github.incident4j.format.internal.YamlValue} is what a writer wants a document to say,
 * {@link io.github.incident4j.format.internal.YamlPatch} writes the difference between two such trees through a
 * {@link io.github.incident4j.format.internal.YamlEditor}, {@link io.github.incident4j.format.internal.YamlEmitter}
 * writes a tree afresh and {@link io.github.incident4j.format.internal.YamlScalars} writes any text in any scalar
 * style.</p>
 */
@NullMarked
package io.github.incident4j.format.internal;

import org.jspecify.annotations.NullMarked;
