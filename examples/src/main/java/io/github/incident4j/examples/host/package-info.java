/**
 * Short host-integration samples to copy: {@link io.github.incident4j.examples.host.HostWiring} builds a
 * schedule and a policy with the Java DSL and runs an {@link io.github.incident4j.incident.IncidentManager}
 * on real time with a host-owned scheduler; {@link io.github.incident4j.examples.host.WebhookPager} delivers
 * pages to an HTTP webhook with {@code java.net.http}; {@link io.github.incident4j.examples.host.KubernetesWiring}
 * connects {@link io.github.incident4j.kubernetes.KubernetesClusterOperations} to a cluster from a kubeconfig.
 * Each is compiled and exercised by a test.
 */
@NullMarked
package io.github.incident4j.examples.host;

import org.jspecify.annotations.NullMarked;
