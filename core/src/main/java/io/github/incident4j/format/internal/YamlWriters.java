package io.github.incident4j.format.internal;

import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * The YAML writers the format classes share, built on first use after {@link JacksonCompatibility#require()}: no
 * format class holds a Jackson object in a static field, so a host with a too-old Jackson gets
 * {@link io.github.incident4j.format.IncompatibleJacksonException} from the first call, not an
 * {@code ExceptionInInitializerError} from a class initialiser.
 */
public final class YamlWriters {

    /** How a document is laid out. */
    public enum Style {
        /** No document-start marker, long strings kept on one line. */
        PLAIN,
        /** No document-start marker, strings quoted only where YAML needs it. */
        MINIMAL_QUOTES,
        /** No marker, one line per string, minimal quotes: long PromQL stays readable and diffable. */
        ONE_LINE_MINIMAL_QUOTES
    }

    private YamlWriters() {
    }

    /** Writes a tree of maps, lists and scalars as YAML in the given style. */
    public static String write(Style style, Object tree) {
        JacksonCompatibility.require();
        YAMLMapper mapper = switch (style) {
            case PLAIN -> Holder.PLAIN;
            case MINIMAL_QUOTES -> Holder.MINIMAL_QUOTES;
            case ONE_LINE_MINIMAL_QUOTES -> Holder.ONE_LINE_MINIMAL_QUOTES;
        };
        return mapper.writeValueAsString(tree);
    }

    /** Initialised on first use only, after the compatibility check. */
    private static final class Holder {
        static final YAMLMapper PLAIN = YAMLMapper.builder()
                .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
                .disable(YAMLWriteFeature.SPLIT_LINES)
                .build();
        static final YAMLMapper MINIMAL_QUOTES = YAMLMapper.builder()
                .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
                .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
                .build();
        static final YAMLMapper ONE_LINE_MINIMAL_QUOTES = YAMLMapper.builder()
                .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
                .disable(YAMLWriteFeature.SPLIT_LINES)
                .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
                .build();
    }
}
