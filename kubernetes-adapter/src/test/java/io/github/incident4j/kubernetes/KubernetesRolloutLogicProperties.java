package io.github.incident4j.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.github.incident4j.kubernetes.internal.LogLines;
import io.github.incident4j.kubernetes.internal.Rollouts;
import io.github.incident4j.spi.ClusterOperations.LogLine;
import io.github.incident4j.spi.ClusterOperations.RolloutStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;

/** Invariants of the kubectl logic the adapter reimplements, over generated inputs (no server needed). */
class KubernetesRolloutLogicProperties {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    @Property
    @Label("rollout status is done exactly when the spec is observed, not timed out, and every replica is updated, available and no old one is left")
    void statusMatchesKubectlRule(@ForAll @IntRange(min = 1, max = 5) int generation,
                                  @ForAll @IntRange(min = 0, max = 5) int observed,
                                  @ForAll @IntRange(max = 6) int desired, @ForAll @IntRange(max = 8) int replicas,
                                  @ForAll @IntRange(max = 6) int updated, @ForAll @IntRange(max = 6) int available,
                                  @ForAll boolean timedOut) {
        Deployment d = new DeploymentBuilder().withNewMetadata().withName("web").withGeneration((long) generation)
                .endMetadata().withNewSpec().withReplicas(desired).endSpec().withNewStatus()
                .withObservedGeneration((long) observed).withReplicas(replicas).withUpdatedReplicas(updated)
                .withAvailableReplicas(available).addNewCondition().withType("Progressing")
                .withReason(timedOut ? "ProgressDeadlineExceeded" : "ReplicaSetUpdated").endCondition().endStatus()
                .build();

        RolloutStatus status = Rollouts.status(d);

        boolean seen = generation <= observed;
        assertThat(status.done()).isEqualTo(seen && !timedOut && updated >= desired && replicas <= updated
                && available >= updated);
        assertThat(status.failed()).isEqualTo(seen && timedOut);
        assertThat(status.done() && status.failed()).isFalse();
        assertThat(List.of(status.desired(), status.updated(), status.available()))
                .containsExactly(desired, updated, available);
        assertThat(status.message()).isNotBlank().doesNotEndWith("\n");
    }

    @Property
    @Label("undo without a revision picks the second newest owned revision, whatever the listing order")
    void previousRevision(@ForAll @Size(min = 2, max = 8) @UniqueElements List<@IntRange(min = 1, max = 50) Integer> revisions,
                          @ForAll long seed) {
        List<ReplicaSet> sets = new ArrayList<>();
        for (int revision : revisions) {
            sets.add(replicaSet(revision));
        }
        Collections.shuffle(sets, new Random(seed));
        List<Integer> sorted = new ArrayList<>(revisions);
        Collections.sort(sorted);

        ReplicaSet chosen = Rollouts.revisionToRestore("shop", "web", sets, 0);

        assertThat(Rollouts.revisionOf(chosen)).hasValue(sorted.get(sorted.size() - 2));
    }

    @Property
    @Label("undo to a given revision picks exactly that revision")
    void givenRevision(@ForAll @Size(min = 1, max = 8) @UniqueElements List<@IntRange(min = 1, max = 50) Integer> revisions,
                       @ForAll @IntRange(min = 0, max = 7) int index) {
        List<ReplicaSet> sets = revisions.stream().map(KubernetesRolloutLogicProperties::replicaSet).toList();
        int wanted = revisions.get(index % revisions.size());

        assertThat(Rollouts.revisionOf(Rollouts.revisionToRestore("shop", "web", sets, wanted))).hasValue(wanted);
    }

    @Property
    @Label("templates that differ only in pod-template-hash or in empty versus absent collections are equal; another image is not")
    void equalIgnoringHash(@ForAll("images") String image, @ForAll("images") String other,
                           @ForAll("hashes") String hash, @ForAll boolean emptyAnnotations) {
        PodTemplateSpec deployment = KubernetesMockCluster.template("web", image);
        PodTemplateSpec fromReplicaSet = KubernetesMockCluster.template("web", image);
        fromReplicaSet.getMetadata().getLabels().put(Rollouts.POD_TEMPLATE_HASH, hash);
        if (emptyAnnotations) {
            fromReplicaSet.getMetadata().setAnnotations(Map.of());
        }

        assertThat(Rollouts.equalIgnoringHash(fromReplicaSet, deployment, JSON)).isTrue();
        assertThat(Rollouts.equalIgnoringHash(KubernetesMockCluster.template("web", other), deployment, JSON))
                .isEqualTo(image.equals(other));
        assertThat(Rollouts.withoutHash(fromReplicaSet, JSON).getMetadata().getLabels())
                .doesNotContainKey(Rollouts.POD_TEMPLATE_HASH);
        assertThat(fromReplicaSet.getMetadata().getLabels()).as("the original is not changed")
                .containsKey(Rollouts.POD_TEMPLATE_HASH);
    }

    @Property
    @Label("newest keeps min(limit, n) lines in time order, none older than any line dropped")
    void newestLines(@ForAll("lines") List<LogLine> lines, @ForAll @IntRange(min = 0, max = 12) int limit) {
        List<LogLine> kept = LogLines.newest(lines, limit);

        assertThat(kept).hasSize(Math.min(limit, lines.size()));
        assertThat(kept).isSortedAccordingTo(LogLines.CHRONOLOGICAL);
        List<LogLine> dropped = new ArrayList<>(lines);
        kept.forEach(dropped::remove);
        for (LogLine d : dropped) {
            assertThat(kept).allSatisfy(k -> assertThat(LogLines.CHRONOLOGICAL.compare(d, k)).isLessThanOrEqualTo(0));
        }
    }

    @Property
    @Label("parsing a rendered timestamped log gives back the lines that contain the filter and are inside the window")
    void parseRoundTrip(@ForAll("lines") List<LogLine> lines, @ForAll("filters") String contains,
                        @ForAll @IntRange(min = 0, max = 1000) int windowSeconds) {
        StringBuilder log = new StringBuilder();
        for (LogLine line : lines) {
            log.append(line.at()).append(' ').append(line.text()).append('\n');
        }
        Instant notBefore = Instant.parse("2026-03-02T09:00:00Z").minusSeconds(windowSeconds);

        LogLines.Parsed parsed = LogLines.parse("p", "c", log.toString(), notBefore, contains);

        assertThat(parsed.unparseable()).isZero();
        assertThat(parsed.lines()).containsExactlyElementsOf(lines.stream()
                .filter(l -> !l.at().isBefore(notBefore) && l.text().contains(contains))
                .map(l -> new LogLine("p", "c", l.at(), l.text())).toList());
    }

    @Property
    @Label("a pod selection takes at least one and at most all pods, more for a larger percentage")
    void podSelection(@ForAll @Size(max = 30) List<Integer> pods, @ForAll @IntRange(min = 1, max = 99) int percent,
                      @ForAll @IntRange(min = 1, max = 40) int count) {
        List<Integer> some = PodSelection.percent(percent).pick(pods);
        List<Integer> more = PodSelection.percent(percent + 1).pick(pods);

        assertThat(some.size()).isBetween(Math.min(1, pods.size()), pods.size());
        assertThat(more.size()).isGreaterThanOrEqualTo(some.size());
        assertThat(PodSelection.all().pick(pods)).isEqualTo(pods);
        assertThat(PodSelection.count(count).pick(pods)).isEqualTo(pods.subList(0, Math.min(count, pods.size())));
    }

    private static ReplicaSet replicaSet(int revision) {
        return new ReplicaSetBuilder().withNewMetadata().withName("web-" + revision)
                .addToAnnotations(Rollouts.REVISION, Integer.toString(revision)).endMetadata()
                .withNewSpec().withTemplate(KubernetesMockCluster.template("web", "img:" + revision)).endSpec().build();
    }

    @Provide
    Arbitrary<String> images() {
        return Arbitraries.of("shop/web:v1", "shop/web:v2", "registry.local/web@sha256:ab12");
    }

    @Provide
    Arbitrary<String> hashes() {
        return Arbitraries.strings().withChars("0123456789abcdef").ofMinLength(1).ofMaxLength(10);
    }

    @Provide
    Arbitrary<String> filters() {
        return Arbitraries.of("", "ERROR", "timeout", " ");
    }

    @Provide
    Arbitrary<List<LogLine>> lines() {
        Arbitrary<Instant> at = Arbitraries.longs().between(0, 3_600_000_000_000L)
                .map(n -> Instant.parse("2026-03-02T08:30:00Z").plusNanos(n));
        Arbitrary<String> text = Arbitraries.of("ERROR payment declined", "INFO ok", "WARN timeout talking to db",
                "ERROR timeout", "  indented", "ünïcödé ✓");
        Arbitrary<String> pod = Arbitraries.of("web-a", "web-b");
        return Combinators.combine(pod, at, text).as((p, a, t) -> new LogLine(p, "app", a, t)).list().ofMaxSize(12)
                .filter(l -> Set.copyOf(l).size() == l.size());
    }
}
