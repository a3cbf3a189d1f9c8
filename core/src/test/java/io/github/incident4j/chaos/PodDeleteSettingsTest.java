package io.github.incident4j.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PodDeleteSettings read the env as litmus-go reads it, and say where that differs from what it says")
class PodDeleteSettingsTest {

    @Test
    @DisplayName("an empty env, or empty values, take Litmus's defaults")
    void defaults() {
        PodDeleteSettings s = PodDeleteSettings.of(Map.of("TOTAL_CHAOS_DURATION", "", "SEQUENCE", ""));
        assertThat(s).isEqualTo(PodDeleteSettings.DEFAULT);
        assertThat(s.totalChaosDuration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.chaosInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.sequence()).isEqualTo(PodDeleteSettings.Sequence.PARALLEL);
        assertThat(s.podsAffectedPercent()).isZero();
        assertThat(s.force()).isFalse();
        assertThat(s.randomness()).isFalse();
        assertThat(s.targetPodNames()).isEmpty();
        assertThat(PodDeleteSettings.coercions(Map.of())).isEmpty();
    }

    @Test
    @DisplayName("'1m' is 0 seconds for Atoi, and the coercion names the fix")
    void oneMinute() {
        Map<String, String> env = Map.of("TOTAL_CHAOS_DURATION", "1m", "RAMP_TIME", "30s");
        PodDeleteSettings s = PodDeleteSettings.of(env);
        assertThat(s.totalChaosDuration()).isZero();
        assertThat(s.rampTime()).isZero();
        assertThat(PodDeleteSettings.coercions(env)).containsExactlyInAnyOrder(
                "TOTAL_CHAOS_DURATION '1m' is not a whole number of seconds: litmus-go reads it as 0 (strconv.Atoi, error"
                        + " ignored); write it in seconds, e.g. '60'",
                "RAMP_TIME '30s' is not a whole number of seconds: litmus-go reads it as 0 (strconv.Atoi, error ignored);"
                        + " write it in seconds, e.g. '30'");
    }

    @Test
    @DisplayName("a CHAOS_INTERVAL range is 0 without RANDOMNESS and a range with it")
    void intervalRange() {
        PodDeleteSettings plain = PodDeleteSettings.of(Map.of("CHAOS_INTERVAL", "5-10"));
        assertThat(plain.chaosInterval()).isZero();
        assertThat(plain.coercions()).singleElement().asString().contains("RANDOMNESS is not true", "'true'");
        PodDeleteSettings random = PodDeleteSettings.of(Map.of("CHAOS_INTERVAL", "5-10", "RANDOMNESS", "true"));
        assertThat(random.randomness()).isTrue();
        assertThat(random.chaosIntervalText()).isEqualTo("5-10");
        assertThat(random.coercions()).isEmpty();
    }

    @Test
    @DisplayName("SEQUENCE is read case-insensitively; random and unsupported values are kept for the run")
    void sequence() {
        assertThat(PodDeleteSettings.of(Map.of("SEQUENCE", "Serial")).sequence())
                .isEqualTo(PodDeleteSettings.Sequence.SERIAL);
        assertThat(PodDeleteSettings.of(Map.of("SEQUENCE", "random")).sequence())
                .isEqualTo(PodDeleteSettings.Sequence.RANDOM);
        PodDeleteSettings odd = PodDeleteSettings.of(Map.of("SEQUENCE", "zigzag"));
        assertThat(odd.sequence()).isEqualTo(PodDeleteSettings.Sequence.UNSUPPORTED);
        assertThat(odd.coercions()).singleElement().asString().contains("Error");
    }

    @Test
    @DisplayName("FORCE is a Go boolean: 'yes' is false; TARGET_PODS is a comma-separated list")
    void forceAndTargets() {
        Map<String, String> env = Map.of("FORCE", "yes", "TARGET_PODS", " web-1, ,web-2 ");
        PodDeleteSettings s = PodDeleteSettings.of(env);
        assertThat(s.force()).isFalse();
        assertThat(s.gracePeriod()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.targetPodNames()).containsExactly("web-1", "web-2");
        assertThat(PodDeleteSettings.coercions(env)).singleElement().asString().contains("FORCE 'yes'");
        assertThat(PodDeleteSettings.of(Map.of("FORCE", "true")).gracePeriod()).isZero();
    }

    @Test
    @DisplayName("targets are max(1, min(p, 100)·N/100) of N pods; a range's lower bound is its podsAffectedPercent")
    void targetCount() {
        assertThat(PodDeleteSettings.targetCount(-20, 4)).isEqualTo(1);
        assertThat(PodDeleteSettings.targetCount(75, 4)).isEqualTo(3);
        assertThat(PodDeleteSettings.targetCount(100, 0)).isZero();
        assertThat(PodDeleteSettings.of(Map.of("PODS_AFFECTED_PERC", "20-60")).podsAffectedPercent()).isEqualTo(20);
        assertThat(PodDeleteSettings.of(Map.of("PODS_AFFECTED_PERC", "half")).coercions()).singleElement()
                .asString().contains("PODS_AFFECTED_PERC 'half'");
    }
}
