/**
 * The Kubernetes adapter: {@code ClusterOperations} and chaos fault injection on the fabric8
 * kubernetes-client with its JDK HTTP transport.
 *
 * <p>Entry points:
 * <ul>
 *   <li>{@link io.github.incident4j.kubernetes.KubernetesClusterOperations} implements
 *       {@link io.github.incident4j.spi.ClusterOperations} with kubectl's meaning: pods by label selector with
 *       kubectl's STATUS and RESTARTS, {@code rollout history} from the ReplicaSets the deployment owns,
 *       {@code rollout undo} as kubectl's single JSON patch, {@code rollout status} with kubectl's rules and
 *       messages (and
 *       {@link io.github.incident4j.kubernetes.KubernetesClusterOperations#awaitRollout awaitRollout} to wait with
 *       the caller's {@link io.github.incident4j.spi.Timers}), scale as kubectl's merge patch of the {@code scale}
 *       subresource, {@code rollout restart}, pod deletion and bounded, filtered logs with kubectl's per-container
 *       {@code --tail}. The RBAC Roles these requests need are in {@code kubernetes-adapter/docs/rbac.md}. Build
 *       it from the host's client with
 *       {@link io.github.incident4j.kubernetes.KubernetesClusterOperations#using using(client, clock)} or from
 *       fabric8's standard configuration with
 *       {@link io.github.incident4j.kubernetes.KubernetesClusterOperations#fromDefaultKubeconfig fromDefaultKubeconfig}.</li>
 *   <li>{@link io.github.incident4j.kubernetes.PodSelection} says how many of the matching pods a chaos step
 *       deletes (a count or a percentage).</li>
 *   <li>{@link io.github.incident4j.kubernetes.LitmusChaos} applies a Litmus {@code ChaosEngine} and reads the
 *       {@link io.github.incident4j.kubernetes.ChaosVerdict} of its {@code ChaosResult}.</li>
 * </ul>
 *
 * <pre>{@code
 * KubernetesClusterOperations cluster = KubernetesClusterOperations.using(client, clock);
 * cluster.rolloutUndo("shop", "web", OptionalLong.empty());   // deployment.apps/web rolled back
 * cluster.awaitRollout("shop", "web", Duration.ofMinutes(5), Duration.ofSeconds(2), timers);
 * }</pre>
 *
 * <p>Every failure of the cluster (missing object, RBAC refusal, timeout, unreachable API server) is a
 * {@link io.github.incident4j.spi.ClusterException} whose {@link io.github.incident4j.spi.ClusterException.Reason}
 * says which, with the operation and the object in its message. The adapter reads time only from the injected
 * {@link java.time.Clock}, never retries on its own, and never closes the host's client.
 */
@NullMarked
package io.github.incident4j.kubernetes;

import org.jspecify.annotations.NullMarked;
