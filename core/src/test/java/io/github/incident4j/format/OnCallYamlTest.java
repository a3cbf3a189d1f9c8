package io.github.incident4j.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.escalation.EscalationLevel;
import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import io.github.incident4j.oncall.Layer;
import io.github.incident4j.oncall.OnCallConfig;
import io.github.incident4j.oncall.Participant;
import io.github.incident4j.oncall.Restriction;
import io.github.incident4j.oncall.Schedule;
import io.github.incident4j.oncall.Shift;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("OnCallYaml")
class OnCallYamlTest {

    static String seed() throws IOException {
        try (InputStream in = OnCallYamlTest.class.getResourceAsStream("/seed/oncall-rotation.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String docsExample() throws IOException {
        String doc = Files.readString(Path.of("docs/oncall-yaml.md"));
        Matcher m = Pattern.compile("## A full example\\s+```yaml\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        assertThat(m.find()).as("the docs have a full example").isTrue();
        return m.group(1);
    }

    private static FormatException failure(String yaml) {
        return org.assertj.core.api.Assertions.catchThrowableOfType(FormatException.class, () -> OnCallYaml.parse(yaml));
    }

    @Nested
    @DisplayName("reads the seed rotation as written")
    class Seed {

        @Test
        @DisplayName("with the documented defaults: zone UTC, weekly turns handed off on Mondays at 09:00 from 2024-01-01")
        void defaults() throws IOException {
            Schedule s = OnCallYaml.parse(seed()).schedule();
            assertThat(s.name()).isEqualTo("Backend On-Call");
            assertThat(s.zone()).isEqualTo(ZoneId.of("UTC"));
            assertThat(s.layers()).singleElement().satisfies(layer -> {
                assertThat(layer.turnLength()).isEqualTo(Duration.ofDays(7));
                assertThat(layer.rotationStart()).isEqualTo(LocalDateTime.of(2024, 1, 1, 9, 0));
                assertThat(layer.participants()).extracting(Participant::name).containsExactly("Alice", "Bob", "Carol");
                assertThat(layer.participants()).extracting(Participant::escalationDelay)
                        .containsOnly(Optional.of(Duration.ofMinutes(15)));
            });
            assertThat(s.overrides()).isEmpty();
        }

        @Test
        @DisplayName("whose three participants rotate weekly in order")
        void rotatesWeeklyInOrder() throws IOException {
            Schedule s = OnCallYaml.parse(seed()).schedule();
            Instant monday = Instant.parse("2026-03-02T09:00:00Z"); // 113 weeks after 2024-01-01: 113 mod 3 = 2
            List<Shift> shifts = s.shifts(monday, monday.plus(Duration.ofDays(42)));
            assertThat(shifts).extracting(Shift::participant)
                    .containsExactly("Carol", "Alice", "Bob", "Carol", "Alice", "Bob");
            assertThat(shifts).extracting(Shift::duration).containsOnly(Duration.ofDays(7));
            assertThat(s.onCallAt(Instant.parse("2024-01-01T09:00:00Z"))).contains("Alice");
        }

        @Test
        @DisplayName("whose escalation levels carry the seed's targets and timeouts")
        void escalation() throws IOException {
            EscalationPolicy p = OnCallYaml.parse(seed()).escalationPolicy();
            assertThat(p.levels()).containsExactly(
                    EscalationLevel.of(1, Duration.ofMinutes(15), Target.onCall("Backend On-Call")),
                    EscalationLevel.of(2, Duration.ofMinutes(30), Target.role("engineering_lead")),
                    EscalationLevel.of(3, Target.role("vp_engineering")));
            assertThat(p.repeat()).isZero();
            assertThat(p.name()).isEqualTo("Backend On-Call");
        }

        @Test
        @DisplayName("and writes it back to an equal config")
        void roundTrip() throws IOException {
            OnCallConfig c = OnCallYaml.parse(seed());
            assertThat(OnCallYaml.parse(OnCallYaml.render(c))).isEqualTo(c);
        }
    }

    @Nested
    @DisplayName("reads the extended format")
    class Extended {

        @Test
        @DisplayName("the full example of the docs, with zones, layers, restrictions, overrides and repeats")
        void docsExampleLoads() throws IOException {
            OnCallConfig c = OnCallYaml.parse(docsExample());
            Schedule s = c.schedule();
            ZoneId berlin = ZoneId.of("Europe/Berlin");
            assertThat(s.zone()).isEqualTo(berlin);
            assertThat(s.layers()).hasSize(3);
            Layer primary = s.layers().get(0);
            assertThat(primary.rotationStart()).isEqualTo(LocalDateTime.of(2026, 1, 5, 9, 0));
            assertThat(primary.participants()).containsExactly(
                    new Participant("Alice", Optional.of(Duration.ofMinutes(15)), Optional.of(berlin)),
                    Participant.named("Bob"),
                    Participant.named("Carol").withEscalationDelay(Duration.ofMinutes(10)));
            Layer americas = s.layers().get(1);
            assertThat(americas.zone()).contains(ZoneId.of("America/New_York"));
            assertThat(americas.turnLength()).isEqualTo(Duration.ofDays(14));
            assertThat(americas.start()).contains(Instant.parse("2026-02-01T00:00:00Z"));
            assertThat(americas.end()).contains(Instant.parse("2026-12-31T05:00:00Z"));
            assertThat(americas.restrictions()).containsExactly(
                    Restriction.weekly(DayOfWeek.MONDAY, LocalTime.of(8, 0), DayOfWeek.FRIDAY, LocalTime.of(17, 0)));
            Layer apac = s.layers().get(2);
            assertThat(apac.turnLength()).isEqualTo(Duration.ofDays(1));
            assertThat(apac.rotationStart()).isEqualTo(LocalDateTime.of(2024, 1, 1, 9, 0));
            assertThat(apac.restrictions()).containsExactly(Restriction.daily(LocalTime.of(9, 0), LocalTime.of(18, 0)));
            assertThat(s.overrides()).singleElement().satisfies(o -> {
                assertThat(o.who()).isEqualTo("Bob");
                assertThat(o.from()).isEqualTo(Instant.parse("2026-03-02T08:00:00Z"));
                assertThat(o.replaces()).contains("Alice");
                assertThat(o.reason()).contains("Alice on vacation");
            });
            EscalationPolicy p = c.escalationPolicy();
            assertThat(p.repeat()).isEqualTo(2);
            assertThat(p.ackTimeout()).contains(Duration.ofHours(4));
            assertThat(p.level(2).targets()).containsExactly(Target.role("engineering_lead"), Target.person("Alice"));
            assertThat(p.level(3).targets()).containsExactly(Target.onCall("Security On-Call"), Target.role("vp_engineering"));
            assertThat(OnCallYaml.parse(OnCallYaml.render(c))).isEqualTo(c);
        }

        @Test
        @DisplayName("a handoff day and time turn a start date into the first such handoff")
        void handoffFromStartDate() {
            Schedule s = OnCallYaml.parse("""
                    schedule:
                      name: S
                      timezone: Europe/Berlin
                      start: 2026-03-04
                      handoff: {day: friday, time: "17:30"}
                      participants: [A, B]
                      escalation_policy: [{targets: [current_on_call]}]
                    """).schedule();
            assertThat(s.layers().get(0).rotationStart()).isEqualTo(LocalDateTime.of(2026, 3, 6, 17, 30));
        }

        @Test
        @DisplayName("a custom type takes any turn length, also in weeks")
        void customTurn() {
            Schedule s = OnCallYaml.parse("""
                    schedule:
                      name: S
                      type: custom
                      turn_length: 12h
                      start: 2026-01-01T08:00
                      participants: [A, B]
                      escalation_policy: [{targets: [current_on_call]}]
                    """).schedule();
            assertThat(s.layers().get(0).turnLength()).isEqualTo(Duration.ofHours(12));
            assertThat(s.onCallAt(Instant.parse("2026-01-01T20:00:00Z"))).contains("B");
        }
    }

    @Nested
    @DisplayName("refuses bad input with line and column")
    class BadInput {

        private static final String VALID_TAIL = "  escalation_policy: [{targets: [current_on_call], timeout: 5m}]\n";

        @Test
        @DisplayName("an unknown field, saying which, where, and the nearest valid name")
        void unknownField() {
            FormatException e = failure("schedule:\n  name: S\n  particpants: [A, B]\n" + VALID_TAIL);
            assertThat(e.problems()).anySatisfy(p -> {
                assertThat(p.line()).isEqualTo(3);
                assertThat(p.column()).isEqualTo(3);
                assertThat(p.message()).contains("unknown field 'particpants'", "in schedule", "did you mean 'participants'");
            });
        }

        @Test
        @DisplayName("an unknown time zone")
        void unknownZone() {
            FormatException e = failure("schedule:\n  name: S\n  timezone: Mars/Olympus\n  participants: [A, B]\n" + VALID_TAIL);
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.column()).isEqualTo(13);
            assertThat(e.getMessage()).contains("unknown time zone 'Mars/Olympus'");
        }

        @Test
        @DisplayName("a bad duration")
        void badDuration() {
            FormatException e = failure("schedule:\n  name: S\n  participants:\n    - name: A\n      escalation_delay: 15x\n"
                    + VALID_TAIL);
            assertThat(e.line()).isEqualTo(5);
            assertThat(e.getMessage()).contains("bad duration '15x'", "schedule.participants[0].escalation_delay");
        }

        @Test
        @DisplayName("an empty participant list")
        void emptyParticipants() {
            FormatException e = failure("schedule:\n  name: S\n  participants: []\n" + VALID_TAIL);
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.getMessage()).contains("participants is empty");
        }

        @Test
        @DisplayName("a timeout of zero or less")
        void nonPositiveTimeout() {
            FormatException zero = failure("schedule:\n  name: S\n  participants: [A]\n"
                    + "  escalation_policy:\n    - targets: [current_on_call]\n      timeout: 0m\n");
            assertThat(zero.line()).isEqualTo(6);
            assertThat(zero.getMessage()).contains("must be greater than zero");
            FormatException negative = failure("schedule:\n  name: S\n  participants: [A]\n"
                    + "  escalation_policy:\n    - targets: [current_on_call]\n      timeout: -5m\n");
            assertThat(negative.line()).isEqualTo(6);
            assertThat(negative.getMessage()).contains("must not be negative");
        }

        @Test
        @DisplayName("a restriction whose end equals its start")
        void emptyRestriction() {
            FormatException e = failure("schedule:\n  name: S\n  participants: [A]\n  restrictions:\n    - daily: 09:00-09:00\n"
                    + VALID_TAIL);
            assertThat(e.line()).isEqualTo(5);
            assertThat(e.getMessage()).contains("ends when it starts");
        }

        @Test
        @DisplayName("malformed YAML")
        void malformed() {
            FormatException e = failure("schedule:\n  name: [unclosed\n  participants: [A]\n");
            assertThat(e.line()).isPositive();
            assertThat(e.column()).isPositive();
            assertThat(e.getMessage()).contains("malformed YAML");
        }

        @Test
        @DisplayName("a YAML alias bomb")
        void aliasBomb() {
            StringBuilder b = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
            char prev = 'a';
            for (char c = 'b'; c <= 'j'; c++) {
                b.append(c).append(": &").append(c).append(" [");
                for (int i = 0; i < 10; i++) {
                    b.append(i == 0 ? "" : ", ").append('*').append(prev);
                }
                b.append("]\n");
                prev = c;
            }
            FormatException e = failure(b.toString());
            assertThat(e.getMessage()).contains("alias bomb");
            assertThat(e.line()).isPositive();
        }

        @Test
        @DisplayName("an oversized document")
        void oversized() {
            FormatException e = failure("# " + "x".repeat(1_100_000));
            assertThat(e.line()).isEqualTo(1);
            assertThat(e.getMessage()).contains("over the limit");
        }

        @Test
        @DisplayName("a tag on a scalar")
        void tag() {
            FormatException e = failure("schedule:\n  name: !!str S\n  participants: [A]\n" + VALID_TAIL);
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.getMessage()).contains("tags are not accepted");
        }

        @Test
        @DisplayName("every problem of one file together, in document order")
        void allProblemsTogether() {
            FormatException e = failure("""
                    schedule:
                      name: S
                      timezone: Nowhere/Land
                      type: weekly_rotaton
                      participants:
                        - name: A
                          escalation_delay: soon
                      restrictions:
                        - weekly: Mon 09:00 to Mon 09:00
                      overrides:
                        - who: B
                          from: yesterday
                          until: 2026-01-01T00:00
                      escalation_policy:
                        - targets: [current_on_call]
                          timeout: 0s
                          wait: 5m
                    """);
            assertThat(e.problems()).extracting(FormatException.Problem::line).containsExactly(3, 4, 7, 9, 12, 16, 17);
            assertThat(e.problems().get(1).message()).contains("did you mean 'weekly_rotation'");
            assertThat(e.problems().get(6).message()).contains("unknown field 'wait'", "did you mean");
        }

        @Test
        @DisplayName("a missing escalation policy or name")
        void missingSections() {
            FormatException e = failure("schedule:\n  participants: [A]\n");
            assertThat(e.problems()).extracting(FormatException.Problem::message)
                    .anySatisfy(m -> assertThat(m).contains("missing 'name'"))
                    .anySatisfy(m -> assertThat(m).contains("missing 'escalation_policy'"));
        }

        @Test
        @DisplayName("never leaks a low-level exception, whatever the structure")
        void wrongShapes() {
            for (String yaml : List.of("", "[]", "schedule: 3", "schedule: {name: S, participants: {a: b}, escalation_policy: x}",
                    "schedule: {name: [x], layers: [], escalation_policy: []}", "schedule:\n  name: S\n  layers: [3]\n",
                    "schedule: {name: S, participants: [A], escalation_policy: [{level: x, targets: []}]}")) {
                assertThatThrownBy(() -> OnCallYaml.parse(yaml)).as(yaml).isInstanceOf(FormatException.class);
            }
        }
    }
}
