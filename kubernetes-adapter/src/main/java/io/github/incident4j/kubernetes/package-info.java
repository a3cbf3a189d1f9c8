/**
 * The Kubernetes adapter: {@code ClusterOperations} and chaos fault injection on the fabric8
 * kubernetes-client with its JDK HTTP transport.
 */
@NullMarked
package io.github.incident4j.kubernetes;

import org.jspecify.annotations.NullMarked;
