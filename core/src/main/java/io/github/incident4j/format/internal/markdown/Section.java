package io.github.incident4j.format.internal.markdown;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A heading and what it governs: the blocks under it up to the next heading, and the deeper headings after them as
 * sub-sections, up to the next heading of the same or a higher level. The part of a document before its first
 * heading is a section without a heading (level 0).
 *
 * @param heading the heading block, or null for the part before the first heading
 * @param level the heading's level (0 without a heading)
 * @param title the heading's text ({@link Block#headingText()}), or empty
 * @param blocks the blocks directly under the heading, before any sub-section
 * @param subsections the deeper sections, in order
 */
public record Section(@Nullable Block heading, int level, String title, List<Block> blocks, List<Section> subsections) {

    /** Copies the lists. */
    public Section {
        blocks = List.copyOf(blocks);
        subsections = List.copyOf(subsections);
    }

    /** Offset where the section starts (its heading, else its first block). */
    public int start() {
        if (heading != null) {
            return heading.start();
        }
        return blocks.isEmpty() ? subsections.isEmpty() ? 0 : subsections.get(0).start() : blocks.get(0).start();
    }

    /** Offset where its last block (in any sub-section) ends. */
    public int end() {
        if (!subsections.isEmpty()) {
            return subsections.get(subsections.size() - 1).end();
        }
        if (!blocks.isEmpty()) {
            return blocks.get(blocks.size() - 1).end();
        }
        return heading == null ? 0 : heading.end();
    }

    /** Every block of the section after its heading, sub-sections' headings included, in document order. */
    public List<Block> contents() {
        List<Block> out = new ArrayList<>(blocks);
        for (Section s : subsections) {
            if (s.heading != null) {
                out.add(s.heading);
            }
            out.addAll(s.contents());
        }
        return out;
    }

    /** This section and every sub-section, depth first. */
    public List<Section> flatten() {
        List<Section> out = new ArrayList<>();
        out.add(this);
        for (Section s : subsections) {
            out.addAll(s.flatten());
        }
        return out;
    }
}
