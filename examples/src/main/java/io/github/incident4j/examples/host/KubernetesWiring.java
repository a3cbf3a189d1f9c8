package io.github.incident4j.examples.host;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.github.incident4j.kubernetes.KubernetesClusterOperations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * Connects incident4j's runbooks and chaos experiments to a real cluster: a fabric8 client from a kubeconfig
 * file (and a context in it), wrapped in {@link KubernetesClusterOperations}. The host owns the client and
 * closes it; the operations never do.
 *
 * <pre>{@code
 * try (KubernetesClient client = KubernetesWiring.client(Path.of(System.getProperty("user.home"), ".kube/config"),
 *         "production")) {
 *     ClusterOperations cluster = KubernetesClusterOperations.using(client, Clock.systemUTC());
 *     RunbookRunner runner = RunbookRunner.builder().cluster(cluster)...build();
 * }
 * }</pre>
 *
 * <p>Inside a cluster (a pod with a service account) or with the usual {@code ~/.kube/config},
 * {@link KubernetesClusterOperations#fromDefaultKubeconfig(Clock)} does the same in one call.
 */
public final class KubernetesWiring {

    private KubernetesWiring() {
    }

    /**
     * A client for the cluster of {@code context} in the kubeconfig file ({@code null}: its current context).
     * Credentials, certificates and the server address are the kubeconfig's; nothing else is read.
     */
    public static KubernetesClient client(Path kubeconfig, @Nullable String context) {
        String text;
        try {
            text = Files.readString(kubeconfig, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kubeconfig " + kubeconfig, e);
        }
        Config config = Config.fromKubeconfig(context, text, kubeconfig.toAbsolutePath().toString());
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
