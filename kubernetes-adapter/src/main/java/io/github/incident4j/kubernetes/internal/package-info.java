/**
 * Machinery of the Kubernetes adapter, not API: the translation of fabric8 client failures into
 * {@link io.github.incident4j.spi.ClusterException}s ({@link io.github.incident4j.kubernetes.internal.KubeErrors}),
 * kubectl's rollout logic as pure functions over fabric8 model objects
 * ({@link io.github.incident4j.kubernetes.internal.Rollouts}: revisions, ownership, status, the undo patch), the
 * reading of a pod's facts for kubectl's STATUS column
 * ({@link io.github.incident4j.kubernetes.internal.PodFactsReader}) and the parsing of timestamped container logs
 * ({@link io.github.incident4j.kubernetes.internal.LogLines}).
 */
@NullMarked
package io.github.incident4j.kubernetes.internal;

import org.jspecify.annotations.NullMarked;
