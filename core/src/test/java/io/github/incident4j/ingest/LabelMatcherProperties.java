package io.github.incident4j.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A matcher written by {@code toString} reads back equal, whatever its value holds. */
class LabelMatcherProperties {

    @Provide
    Arbitrary<LabelMatcher> matchers() {
        Arbitrary<String> names = Arbitraries.strings().withCharRange('a', 'z').withChars('_').ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> values = Arbitraries.strings().withChars("ab\"\\ n,|=~!{}.*").ofMaxLength(12)
                .filter(v -> !v.isEmpty() || true);
        return Combinators.combine(names, Arbitraries.of(LabelMatcher.Op.EQUAL, LabelMatcher.Op.NOT_EQUAL), values)
                .as(LabelMatcher::of);
    }

    @Property
    @Label("parse(toString(m)) equals m, and matches the same label sets")
    void roundTrip(@ForAll("matchers") LabelMatcher m, @ForAll("matchers") LabelMatcher probe) {
        LabelMatcher back = LabelMatcher.parse(m.toString());
        assertThat(back).isEqualTo(m);
        java.util.Map<String, String> labels = java.util.Map.of(probe.label(), probe.value());
        assertThat(back.matches(labels)).isEqualTo(m.matches(labels));
    }
}
