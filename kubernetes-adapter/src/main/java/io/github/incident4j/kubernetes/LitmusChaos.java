package io.github.incident4j.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.github.incident4j.kubernetes.internal.KubeErrors;
import io.github.incident4j.spi.ClusterException;
import io.github.incident4j.spi.Timers;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Litmus custom resources through fabric8's generic resource API: applies a {@code ChaosEngine} (as the YAML
 * {@code ChaosEngineYaml.render} produces, or as a {@link GenericKubernetesResource}) and reads back the
 * {@code ChaosResult} verdict. The resource definitions are explicit ({@link #CHAOS_ENGINE}, {@link #CHAOS_RESULT}),
 * so no discovery call and no CRD read permission are needed.
 *
 * <pre>{@code
 * LitmusChaos litmus = LitmusChaos.on(client);
 * litmus.applyEngine("shop", ChaosEngineYaml.render(experiment));
 * Optional<ChaosVerdict> verdict = litmus.result("shop", "web-chaos", "pod-delete");
 * }</pre>
 *
 * <p>Applying an engine to a real Litmus and running it with {@code chaos.ChaosRunner} give a host the same verdict
 * for the same manifest on a healthy application (the runner follows litmus-go; {@code core/docs/chaos.md} says
 * which behaviours are modelled): use the runner to rehearse in virtual time or where no Litmus is installed, and
 * this class where Litmus runs the experiment.</p>
 */
public final class LitmusChaos {

    /** {@code chaosengines.litmuschaos.io/v1alpha1}, namespaced. */
    public static final ResourceDefinitionContext CHAOS_ENGINE = new ResourceDefinitionContext.Builder()
            .withGroup("litmuschaos.io").withVersion("v1alpha1").withKind("ChaosEngine")
            .withPlural("chaosengines").withNamespaced(true).build();

    /** {@code chaosresults.litmuschaos.io/v1alpha1}, namespaced. */
    public static final ResourceDefinitionContext CHAOS_RESULT = new ResourceDefinitionContext.Builder()
            .withGroup("litmuschaos.io").withVersion("v1alpha1").withKind("ChaosResult")
            .withPlural("chaosresults").withNamespaced(true).build();

    private static final String API_VERSION = "litmuschaos.io/v1alpha1";

    private final KubernetesClient client;

    private LitmusChaos(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** Litmus resources through the host's client. */
    public static LitmusChaos on(KubernetesClient client) {
        return new LitmusChaos(client);
    }

    /**
     * Creates the ChaosEngine given as YAML, or replaces it when one of that name exists.
     *
     * @param namespace where it goes, unless the YAML names its own namespace (which must then be the same)
     * @throws IllegalArgumentException when the text is not a single ChaosEngine
     * @throws io.github.incident4j.spi.ClusterException when the cluster refuses or cannot be reached
     */
    public GenericKubernetesResource applyEngine(String namespace, String yaml) {
        GenericKubernetesResource engine;
        try {
            engine = client.getKubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class);
        } catch (RuntimeException e) {
            // Jackson and fabric8 report unreadable YAML in their own ways; callers see one exception type.
            throw new IllegalArgumentException("not a ChaosEngine document: " + e.getMessage(), e);
        }
        if (engine == null) {
            throw new IllegalArgumentException("not a ChaosEngine document: empty");
        }
        return applyEngine(namespace, engine);
    }

    /** Creates the ChaosEngine, or replaces it when one of that name exists. */
    public GenericKubernetesResource applyEngine(String namespace, GenericKubernetesResource engine) {
        if (!API_VERSION.equals(engine.getApiVersion()) || !"ChaosEngine".equals(engine.getKind())) {
            throw new IllegalArgumentException("expected apiVersion " + API_VERSION + " kind ChaosEngine, but was "
                    + engine.getApiVersion() + " " + engine.getKind());
        }
        if (engine.getMetadata() == null || engine.getMetadata().getName() == null
                || engine.getMetadata().getName().isBlank()) {
            throw new IllegalArgumentException("the ChaosEngine has no metadata.name");
        }
        String own = engine.getMetadata().getNamespace();
        if (own != null && !own.isEmpty() && !own.equals(namespace)) {
            throw new IllegalArgumentException("the ChaosEngine names namespace " + own + " but was applied to "
                    + namespace);
        }
        String object = "chaosengine " + namespace + "/" + engine.getMetadata().getName();
        return KubeErrors.call("apply", object, () -> client.genericKubernetesResources(CHAOS_ENGINE)
                .inNamespace(namespace).resource(engine).createOr(NonDeletingOperation::update));
    }

    /** The verdict of {@code experiment} run by {@code engine}: the ChaosResult {@code <engine>-<experiment>}. */
    public Optional<ChaosVerdict> result(String namespace, String engine, String experiment) {
        return result(namespace, engine + "-" + experiment);
    }

    /** The verdict in the named ChaosResult, empty while Litmus has not created it. */
    public Optional<ChaosVerdict> result(String namespace, String resultName) {
        GenericKubernetesResource result = KubeErrors.call("read", "chaosresult " + namespace + "/" + resultName,
                () -> getOrNull(namespace, resultName));
        if (result == null) {
            return Optional.empty();
        }
        Map<String, Object> status = map(result.getAdditionalProperties().get("status"));
        Map<String, Object> experiment = map(status.get("experimentStatus"));
        return Optional.of(new ChaosVerdict(resultName, text(experiment.get("phase")), text(experiment.get("verdict")),
                text(experiment.get("probeSuccessPercentage")), text(experiment.get("failStep"))));
    }

    /**
     * Waits until Litmus has decided the verdict of {@code experiment} run by {@code engine}: reads its ChaosResult
     * every {@code every} through the timers (so a host in virtual time waits in virtual time), up to
     * {@code timeout}. {@link ChaosVerdict#asVerdict()} then gives the same verdict type as {@code ChaosRunner}.
     *
     * <pre>{@code
     * litmus.applyEngine("shop", ChaosEngineYaml.render(experiment));
     * ChaosVerdict v = litmus.awaitVerdict("shop", experiment.name(), "pod-delete", timers, Duration.ofSeconds(5),
     *         Duration.ofMinutes(10));
     * }</pre>
     *
     * @throws ClusterException with reason TIMEOUT when no verdict is in by then, or when a read fails
     */
    public ChaosVerdict awaitVerdict(String namespace, String engine, String experiment, Timers timers, Duration every,
                                     Duration timeout) {
        if (every.isNegative() || every.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("every must be positive and timeout not negative, but were " + every
                    + " and " + timeout);
        }
        Instant deadline = timers.clock().instant().plus(timeout);
        while (true) {
            Optional<ChaosVerdict> v = result(namespace, engine, experiment);
            if (v.isPresent() && v.get().decided()) {
                return v.get();
            }
            Instant now = timers.clock().instant();
            if (!now.isBefore(deadline)) {
                throw new ClusterException(ClusterException.Reason.TIMEOUT, "no verdict in chaosresult " + namespace + "/"
                        + engine + "-" + experiment + " after " + timeout + (v.isPresent() ? " (verdict "
                        + v.get().verdict() + ")" : " (not created)"));
            }
            timers.sleep(Duration.between(now, deadline).compareTo(every) < 0 ? Duration.between(now, deadline) : every);
        }
    }

    private @Nullable GenericKubernetesResource getOrNull(String namespace, String name) {
        try {
            return client.genericKubernetesResources(CHAOS_RESULT).inNamespace(namespace).withName(name).get();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(@Nullable Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static String text(@Nullable Object value) {
        return value == null ? "" : String.valueOf(value);
    }
}
