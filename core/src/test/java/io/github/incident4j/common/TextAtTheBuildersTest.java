package io.github.incident4j.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.ValidationException;
import io.github.incident4j.escalation.EscalationMatrix;
import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.incident.Alert;
import io.github.incident4j.incident.Roster;
import io.github.incident4j.oncall.Layer;
import io.github.incident4j.oncall.Participant;
import io.github.incident4j.oncall.Schedule;
import io.github.incident4j.oncall.ScheduleOverride;
import io.github.incident4j.spi.kit.HostileStrings;
import io.github.incident4j.spi.kit.HostileStrings.Sample;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The text rule at the domain builders: every identifier a builder takes (names, keys, roles, categories, tiers,
 * responses) refuses the hostile strings with a {@link ValidationException} naming the field, and keeps every
 * string the rule allows exactly as given. An alert's fields are data from monitoring, not identifiers (the engine
 * makes them storable: StorableTextAcrossStoresTest); an override's reason is free text.
 */
@DisplayName("The text rule at the builders")
class TextAtTheBuildersTest {

    private static final Instant FROM = Instant.parse("2026-03-02T09:00:00Z");
    private static final Instant UNTIL = Instant.parse("2026-03-03T09:00:00Z");

    /** Each identifier a builder takes: the field the problem must name, and a builder that keeps the value. */
    static Map<String, Function<String, Object>> identifiers() {
        Map<String, Function<String, Object>> m = new LinkedHashMap<>();
        m.put("name", v -> Participant.named(v).name());
        m.put("layer name", v -> Layer.of("Alice").name(v).build().name().orElseThrow());
        m.put("schedule name", v -> Schedule.named(v).layer(Layer.of("Alice")).build().name());
        m.put("who", v -> ScheduleOverride.of(v, FROM, UNTIL).who());
        m.put("replaces", v -> ScheduleOverride.of("Dave", FROM, UNTIL).replacing(v).replaces().orElseThrow());
        m.put("schedule", v -> Target.onCall(v).name());
        m.put("person", v -> Target.person(v).name());
        m.put("role", v -> Target.role(v).name());
        m.put("policy name", v -> EscalationPolicy.named(v).level(1, Target.person("Ann")).build().name());
        m.put("tiers[0]", v -> EscalationMatrix.builder().tiers(v).category("Security", "Isolate").build().tiers().get(0));
        m.put("categories[0]", v -> EscalationMatrix.builder().tiers("L1").category(v, "Isolate").build().categories().get(0));
        m.put("cells[0][0]", v -> EscalationMatrix.builder().tiers("L1").category("Security", v).build().response("Security", "L1"));
        m.put("roles", v -> roster(r -> r.role(v, "Dana")));
        m.put("roles.lead", v -> roster(r -> r.role("lead", v)));
        m.put("roles.vp", v -> roster(r -> r.roleOnCall("vp", v)));
        m.put("schedules", v -> roster(r -> r.schedule(v, at -> Optional.empty())));
        return m;
    }

    private static Object roster(Function<Roster.Builder, Roster.Builder> fill) {
        return fill.apply(Roster.builder()).build();
    }

    static Stream<Arguments> refused() {
        return identifiers().entrySet().stream().flatMap(e -> HostileStrings.refusedAsIdentifier().stream()
                .map(s -> Arguments.of(e.getKey(), s)));
    }

    static Stream<Arguments> accepted() {
        return identifiers().entrySet().stream().flatMap(e -> HostileStrings.acceptedAsIdentifier().stream()
                .map(s -> Arguments.of(e.getKey(), s)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("refused")
    @DisplayName("an identifier holding a control character or an unpaired surrogate is refused, naming the field")
    void refusesHostileIdentifiers(String field, Sample sample) {
        Function<String, Object> builder = identifiers().get(field);
        assertThatThrownBy(() -> builder.apply(sample.value()))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.problems()).anySatisfy(p -> {
                        assertThat(p.field()).endsWith(field.contains(" ") ? field.substring(field.indexOf(' ') + 1) : field);
                        assertThat(p.message()).contains("control character").contains("unpaired surrogate");
                    });
                    assertThat(Text.textProblem(e.getMessage())).as("the message itself is printable text")
                            .isEmpty();
                });
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("accepted")
    @DisplayName("an identifier the rule allows (right-to-left marks, emoji, separators) is kept exactly")
    void keepsAllowedIdentifiers(String field, Sample sample) {
        Object kept = identifiers().get(field).apply(sample.value());
        if (kept instanceof String s) {
            assertThat(s).isEqualTo(sample.value());
        } else {
            assertThat(kept).isInstanceOf(Roster.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.incident4j.spi.kit.HostileStrings#all")
    @DisplayName("every field of an alert is data from outside: any hostile text is accepted as given (the engine stores it escaped)")
    void alertFreeTextAccepted(Sample sample) {
        Alert alert = Alert.withKey("fp-" + sample.value()).service("payments " + sample.value())
                .category("Security " + sample.value()).summary("down " + sample.value())
                .label("region", sample.value()).annotation(Alert.DESCRIPTION, sample.value()).build();
        assertThat(alert.dedupKey()).isEqualTo("fp-" + sample.value());
        assertThat(alert.service()).isEqualTo("payments " + sample.value());
        assertThat(alert.category()).contains("Security " + sample.value());
        assertThat(alert.summary()).isEqualTo("down " + sample.value());
        assertThat(alert.labels()).containsEntry("region", sample.value());
        assertThat(alert.annotations()).containsEntry(Alert.DESCRIPTION, sample.value());
    }

    @Test
    @DisplayName("an override's reason is free text: tab and line breaks pass, NUL does not")
    void overrideReason() {
        assertThat(ScheduleOverride.of("Dave", FROM, UNTIL).because("vacation,\n\tback Monday").reason())
                .contains("vacation,\n\tback Monday");
        assertThatThrownBy(() -> ScheduleOverride.of("Dave", FROM, UNTIL).because("vaca\0tion"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> assertThat(p.field()).isEqualTo("reason")));
    }

    @Test
    @DisplayName("a builder reports every bad identifier at once, each with its field")
    void allProblemsAtOnce() {
        assertThatThrownBy(() -> new ScheduleOverride("Da\0ve", FROM, UNTIL, Optional.of("Al\tice"),
                Optional.of("x\u0007")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                        .extracting(ValidationException.Problem::field).containsExactly("who", "replaces", "reason"));
        ThrowingCallable roster = () -> Roster.builder().role("le\0ad", "Da\0na").roleOnCall("vp", "Exec\uD800")
                .schedule("Back\u007Fend", at -> Optional.empty()).build();
        assertThatThrownBy(roster).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
                .extracting(ValidationException.Problem::field)
                .containsExactly("roles.le\\u0000ad", "roles", "roles.vp", "schedules"));
    }

    @Test
    @DisplayName("a 1 MiB value is echoed in a message cut to a few hundred characters")
    void longValuesShownShort() {
        String huge = HostileStrings.oneMebibyte() + "\0";
        assertThatThrownBy(() -> Participant.named(huge)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.getMessage()).hasSizeLessThan(2 * Text.SHOWN_CHARS + 400)
                        .contains("(" + (huge.length() - Text.SHOWN_CHARS) + " more characters)"));
    }
}
