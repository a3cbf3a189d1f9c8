package io.github.incident4j.common;

/**
 * Where a value was read from: the document as given and how a reader mapped it, so that the writer of that format
 * can write back every part the value did not change byte for byte. Opaque to the domain and never part of a value:
 * a value read from a document equals the same value built with the DSL, and keeps its origin through
 * {@code toBuilder()} edits.
 *
 * <p>Implemented by the readers of {@code format}; hosts have no reason to implement it.
 */
public interface Origin {

    /** The document's text exactly as it was read. */
    String text();
}
