package io.github.incident4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.escalation.EscalationLevel;
import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

@Label("The JDBC store's text forms")
class TextFormProperties {

    /** Any text without lone surrogates (which no UTF-8 database can hold), spaces, newlines and symbols included. */
    static Arbitrary<String> text() {
        return Arbitraries.strings().withCharRange('\u0000', '\uD7FF').withCharRange('\uE000', '\uFFFD')
                .withChars(" \n\t&=:+%-").ofMinLength(0).ofMaxLength(20);
    }

    /** A name: text the text rule accepts as an identifier (no control character), not blank. */
    static Arbitrary<String> name() {
        return text().filter(s -> !s.isBlank() && io.github.incident4j.common.Text.identifierProblem(s).isEmpty());
    }

    static Arbitrary<Duration> positive() {
        return Combinators.combine(Arbitraries.longs().between(0, 400_000), Arbitraries.integers().between(0, 999_999_999))
                .as((s, n) -> Duration.ofSeconds(s, n)).filter(d -> !d.isZero());
    }

    static Arbitrary<Target> target() {
        return Combinators.combine(Arbitraries.integers().between(0, 2), name()).as((kind, n) -> switch (kind) {
            case 0 -> Target.onCall(n);
            case 1 -> Target.person(n);
            default -> Target.role(n);
        });
    }

    @Provide
    Arbitrary<EscalationPolicy> policies() {
        Arbitrary<List<Target>> targets = target().list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<List<Optional<Duration>>> timeouts = positive().optional().list().ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(name(), timeouts, targets.list().ofSize(4), Arbitraries.integers().between(0, 3),
                positive().optional()).as((name, times, targetLists, repeat, ack) -> {
                    List<EscalationLevel> levels = new ArrayList<>();
                    for (int i = 0; i < times.size(); i++) {
                        levels.add(new EscalationLevel(i + 1, targetLists.get(i), times.get(i)));
                    }
                    boolean canRepeat = times.get(times.size() - 1).isPresent();
                    return new EscalationPolicy(name, levels, canRepeat ? repeat : 0, ack);
                });
    }

    @Property
    @Label("a policy reads back equal to what was written")
    void policyRoundTrip(@ForAll("policies") EscalationPolicy policy) {
        assertThat(TextForm.parsePolicy(TextForm.policy(policy))).isEqualTo(policy);
    }

    @Provide
    Arbitrary<Map<String, String>> labelMaps() {
        return Arbitraries.maps(text(), text()).ofMaxSize(5);
    }

    @Property
    @Label("labels read back equal to what was written, whatever their keys and values hold")
    void labelsRoundTrip(@ForAll("labelMaps") Map<String, String> labels) {
        assertThat(TextForm.parseLabels(TextForm.labels(labels))).isEqualTo(labels);
    }

    @Example
    @Label("text that is not a stored policy is refused, not half read")
    void garbage() {
        assertThatThrownBy(() -> TextForm.parsePolicy("hello")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TextForm.parsePolicy("policy 1\nname x\nrepeat 0\nack -\nlevel 1 - wizard:x\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wizard");
        assertThatThrownBy(() -> TextForm.parseLabels("novalue")).isInstanceOf(IllegalArgumentException.class);
    }
}
