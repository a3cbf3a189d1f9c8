package io.github.incident4j.kubernetes.internal;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.github.incident4j.spi.ClusterException;
import io.github.incident4j.spi.ClusterOperations.RolloutStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kubectl's rollout logic ({@code k8s.io/kubectl/pkg/polymorphichelpers} and the deployment utilities) as pure
 * functions over fabric8 model objects, so it can be read against kubectl's source and tested without a server.
 */
public final class Rollouts {

    /** The ReplicaSet annotation holding the revision number. */
    public static final String REVISION = "deployment.kubernetes.io/revision";
    /** The annotation recording why a revision was made. */
    public static final String CHANGE_CAUSE = "kubernetes.io/change-cause";
    /** The label the deployment controller adds to a ReplicaSet's template; never part of a deployment's. */
    public static final String POD_TEMPLATE_HASH = "pod-template-hash";
    /** The pod-template annotation {@code kubectl rollout restart} sets. */
    public static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";
    /** The Progressing condition's reason once the progress deadline passed. */
    public static final String TIMED_OUT_REASON = "ProgressDeadlineExceeded";

    /** Annotations kubectl keeps from the deployment rather than copying from the ReplicaSet on undo. */
    private static final Set<String> ANNOTATIONS_TO_SKIP = Set.of(
            "kubectl.kubernetes.io/last-applied-configuration",
            REVISION,
            "deployment.kubernetes.io/revision-history",
            "deployment.kubernetes.io/desired-replicas",
            "deployment.kubernetes.io/max-replicas",
            "deprecated.deployment.rollback.to");

    private static final Logger LOG = LoggerFactory.getLogger(Rollouts.class);

    private Rollouts() {
    }

    /**
     * The revision of a deployment or ReplicaSet like kubectl's {@code deploymentutil.Revision}: 0 without the
     * annotation, empty when the annotation is not a number (kubectl skips such ReplicaSets).
     */
    public static OptionalLong revisionOf(HasMetadata object) {
        String value = annotations(object).get(REVISION);
        if (value == null) {
            return OptionalLong.of(0);
        }
        try {
            return OptionalLong.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            LOG.warn("{} {} has a {} annotation that is not a number: {}", object.getKind(),
                    object.getMetadata().getName(), REVISION, value);
            return OptionalLong.empty();
        }
    }

    /**
     * The ReplicaSets whose controller is the deployment (owner reference with {@code controller: true} and the
     * deployment's uid), like {@code metav1.IsControlledBy}: labels alone are not ownership.
     */
    public static List<ReplicaSet> ownedBy(Deployment deployment, List<ReplicaSet> candidates) {
        String uid = deployment.getMetadata().getUid();
        List<ReplicaSet> owned = new ArrayList<>();
        for (ReplicaSet rs : candidates) {
            List<OwnerReference> owners = rs.getMetadata().getOwnerReferences();
            if (uid != null && owners != null && owners.stream()
                    .anyMatch(o -> Boolean.TRUE.equals(o.getController()) && uid.equals(o.getUid()))) {
                owned.add(rs);
            }
        }
        return owned;
    }

    /**
     * The ReplicaSet to roll back to, like kubectl's {@code deploymentRevision}: the one with {@code toRevision},
     * or (for 0) the second newest.
     *
     * @throws ClusterException NOT_FOUND with kubectl's message when there is none: {@code no rollout history found
     *     for deployment "web"} as kubectl words it, or {@code unable to find specified revision 9 in history}
     *     followed by the deployment (kubectl names none)
     */
    public static ReplicaSet revisionToRestore(String namespace, String deploymentName, List<ReplicaSet> owned,
                                               long toRevision) {
        if (toRevision < 0) {
            throw revisionNotFound(namespace, deploymentName, toRevision);
        }
        ReplicaSet latest = null;
        long latestRevision = -1;
        ReplicaSet previous = null;
        long previousRevision = -1;
        for (ReplicaSet rs : owned) {
            OptionalLong parsed = revisionOf(rs);
            if (parsed.isEmpty()) {
                continue;
            }
            long v = parsed.getAsLong();
            if (toRevision == 0) {
                if (latestRevision < v) {
                    previousRevision = latestRevision;
                    previous = latest;
                    latestRevision = v;
                    latest = rs;
                } else if (previousRevision < v) {
                    previousRevision = v;
                    previous = rs;
                }
            } else if (toRevision == v) {
                return rs;
            }
        }
        if (toRevision > 0) {
            throw revisionNotFound(namespace, deploymentName, toRevision);
        }
        if (previous == null) {
            throw new ClusterException(ClusterException.Reason.NOT_FOUND,
                    "no rollout history found for deployment \"" + deploymentName + "\"");
        }
        return previous;
    }

    private static ClusterException revisionNotFound(String namespace, String deploymentName, long revision) {
        return new ClusterException(ClusterException.Reason.NOT_FOUND, "unable to find specified revision "
                + revision + " in history (deployment " + namespace + "/" + deploymentName + ")");
    }

    /**
     * Whether two pod templates are equal once {@code pod-template-hash} is removed from their labels, with
     * empty and absent collections equal (kubectl's {@code equalIgnoreHash} with {@code Semantic.DeepEqual}).
     */
    public static boolean equalIgnoringHash(PodTemplateSpec a, PodTemplateSpec b, KubernetesSerialization json) {
        return normalized(withoutHash(a, json), json).equals(normalized(withoutHash(b, json), json));
    }

    /** A copy of the template without the {@code pod-template-hash} label. */
    public static PodTemplateSpec withoutHash(PodTemplateSpec template, KubernetesSerialization json) {
        PodTemplateSpec copy = json.clone(template);
        if (copy.getMetadata() != null && copy.getMetadata().getLabels() != null) {
            copy.getMetadata().getLabels().remove(POD_TEMPLATE_HASH);
        }
        return copy;
    }

    private static Object normalized(PodTemplateSpec template, KubernetesSerialization json) {
        Object tree = prune(json.convertValue(template, Map.class));
        return tree == null ? Map.of() : tree;
    }

    /** Removes nulls and empty maps and lists, recursively: Go's semantic equality treats them as absent. */
    private static @Nullable Object prune(@Nullable Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                Object pruned = prune(v);
                if (pruned != null) {
                    out.put(k, pruned);
                }
            });
            return out.isEmpty() ? null : out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                Object pruned = prune(item);
                out.add(pruned == null ? Map.of() : pruned);
            }
            return out.isEmpty() ? null : out;
        }
        return value;
    }

    /**
     * The deployment annotations after an undo, like kubectl: those in the skip list kept from the deployment,
     * every other one copied from the ReplicaSet restored.
     */
    public static Map<String, String> annotationsAfterUndo(Deployment deployment, ReplicaSet restored) {
        Map<String, String> result = new LinkedHashMap<>();
        Map<String, String> current = annotations(deployment);
        for (String key : ANNOTATIONS_TO_SKIP) {
            if (current.containsKey(key)) {
                result.put(key, current.get(key));
            }
        }
        annotations(restored).forEach((k, v) -> {
            if (!ANNOTATIONS_TO_SKIP.contains(k)) {
                result.put(k, v);
            }
        });
        return result;
    }

    /**
     * kubectl's undo patch, one JSON patch (RFC 6902): replace {@code /spec/template} with the restored template
     * and {@code /metadata/annotations} with the computed annotations ({@code add} when the deployment has no
     * annotations at all, since {@code replace} requires the member to exist).
     */
    public static String undoPatch(Deployment deployment, PodTemplateSpec template, Map<String, String> annotations,
                                   KubernetesSerialization json) {
        Map<String, Object> replaceTemplate = new LinkedHashMap<>();
        replaceTemplate.put("op", "replace");
        replaceTemplate.put("path", "/spec/template");
        replaceTemplate.put("value", template);
        Map<String, Object> setAnnotations = new LinkedHashMap<>();
        setAnnotations.put("op", deployment.getMetadata().getAnnotations() == null ? "add" : "replace");
        setAnnotations.put("path", "/metadata/annotations");
        setAnnotations.put("value", annotations);
        return json.asJson(List.of(replaceTemplate, setAnnotations));
    }

    /**
     * One observation of a deployment's rollout, with kubectl's {@code DeploymentStatusViewer} logic and
     * messages (without their trailing newline).
     */
    public static RolloutStatus status(Deployment deployment) {
        String name = deployment.getMetadata().getName();
        DeploymentStatus status = deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();
        // The API server defaults spec.replicas to 1.
        int desired = deployment.getSpec() == null || deployment.getSpec().getReplicas() == null
                ? 1 : deployment.getSpec().getReplicas();
        int updated = orZero(status.getUpdatedReplicas());
        int available = orZero(status.getAvailableReplicas());
        int replicas = orZero(status.getReplicas());
        long generation = deployment.getMetadata().getGeneration() == null ? 0 : deployment.getMetadata().getGeneration();
        long observed = status.getObservedGeneration() == null ? 0 : status.getObservedGeneration();
        if (generation > observed) {
            return new RolloutStatus(false, false, "Waiting for deployment spec update to be observed...",
                    desired, updated, available);
        }
        DeploymentCondition progressing = status.getConditions() == null ? null : status.getConditions().stream()
                .filter(c -> "Progressing".equals(c.getType())).findFirst().orElse(null);
        if (progressing != null && TIMED_OUT_REASON.equals(progressing.getReason())) {
            return new RolloutStatus(false, true, "deployment \"" + name + "\" exceeded its progress deadline",
                    desired, updated, available);
        }
        String waiting = "Waiting for deployment \"" + name + "\" rollout to finish: ";
        if (deployment.getSpec() != null && deployment.getSpec().getReplicas() != null && updated < desired) {
            return new RolloutStatus(false, false,
                    waiting + updated + " out of " + desired + " new replicas have been updated...",
                    desired, updated, available);
        }
        if (replicas > updated) {
            return new RolloutStatus(false, false,
                    waiting + (replicas - updated) + " old replicas are pending termination...",
                    desired, updated, available);
        }
        if (available < updated) {
            return new RolloutStatus(false, false,
                    waiting + available + " of " + updated + " updated replicas are available...",
                    desired, updated, available);
        }
        return new RolloutStatus(true, false, "deployment \"" + name + "\" successfully rolled out",
                desired, updated, available);
    }

    /** The first container's image, or empty. */
    public static String firstImage(@Nullable PodTemplateSpec template) {
        if (template == null || template.getSpec() == null || template.getSpec().getContainers() == null) {
            return "";
        }
        List<Container> containers = template.getSpec().getContainers();
        return containers.isEmpty() || containers.get(0).getImage() == null ? "" : containers.get(0).getImage();
    }

    /** A ReplicaSet's change cause like kubectl's history: its own annotation, else its template's. */
    public static String changeCause(ReplicaSet rs) {
        String own = annotations(rs).get(CHANGE_CAUSE);
        if (own != null && !own.isEmpty()) {
            return own;
        }
        PodTemplateSpec template = rs.getSpec() == null ? null : rs.getSpec().getTemplate();
        if (template != null && template.getMetadata() != null && template.getMetadata().getAnnotations() != null) {
            return Objects.requireNonNullElse(template.getMetadata().getAnnotations().get(CHANGE_CAUSE), "");
        }
        return "";
    }

    /** The object's annotations, never null. */
    public static Map<String, String> annotations(HasMetadata object) {
        Map<String, String> a = object.getMetadata() == null ? null : object.getMetadata().getAnnotations();
        return a == null ? Map.of() : a;
    }

    private static int orZero(@Nullable Integer value) {
        return value == null ? 0 : value;
    }
}
