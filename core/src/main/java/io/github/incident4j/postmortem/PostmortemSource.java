package io.github.incident4j.postmortem;

/**
 * The document a postmortem was read from, as the reader left it for the writer: the text, and what the reader
 * knows of where each part of the model is written in it. A postmortem read from a document carries its source
 * ({@link Postmortem#source()}), and so does every copy made with {@link Postmortem#toBuilder()}: writing it back
 * gives the document byte for byte when nothing changed, and rewrites only what changed otherwise.
 *
 * <p>The source is not part of a postmortem's value: two postmortems with the same content are equal whatever they
 * were read from. {@code Postmortem.Builder.source(null)} drops it, so the postmortem is written in the template's
 * layout instead. Implemented by the readers in {@code format}.
 */
public interface PostmortemSource {

    /** The text as it was read. */
    String text();
}
