package io.github.incident4j.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.github.incident4j.sim.VirtualTime;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Proves {@code docs/rbac.md}: the Roles are parsed from the page itself, every adapter operation runs against the
 * mock API server, which records each request, and each request must be one its Role allows.
 */
@DisplayName("the RBAC Roles in docs/rbac.md allow exactly the requests each operation sends")
class KubernetesRbacTest extends KubernetesAdapterTestSupport {

    private static final Path DOC = Path.of("docs", "rbac.md");
    private static final String DIAGNOSIS = "incident4j-diagnosis";
    private static final String MITIGATION = "incident4j-mitigation";
    private static final String CHAOS = "incident4j-chaos";
    private static final AtomicInteger NAMESPACES = new AtomicInteger();
    private static final Set<String> READ_VERBS = Set.of("get", "list", "watch");

    /** What RBAC authorises a request by: verb, API group, resource (with subresource) and object name. */
    record Access(String verb, String group, String resource, @Nullable String name) {
        @Override
        public String toString() {
            return verb + " " + (group.isEmpty() ? "" : group + "/") + resource + (name == null ? "" : " " + name);
        }
    }

    private static final Pattern CORE = Pattern.compile("/api/v1/namespaces/[^/]+/([^/]+)(?:/([^/]+)(?:/([^/]+))?)?");
    private static final Pattern GROUPED =
            Pattern.compile("/apis/([^/]+)/[^/]+/namespaces/[^/]+/([^/]+)(?:/([^/]+)(?:/([^/]+))?)?");

    /** The request's RBAC attributes, as the API server's request info resolver derives them. */
    static Access access(KubernetesMockCluster.Request request) {
        URI uri = URI.create(request.path());
        String path = uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        String group;
        String resource;
        String name;
        String subresource;
        Matcher core = CORE.matcher(path);
        Matcher grouped = GROUPED.matcher(path);
        if (core.matches()) {
            group = "";
            resource = core.group(1);
            name = core.group(2);
            subresource = core.group(3);
        } else if (grouped.matches()) {
            group = grouped.group(1);
            resource = grouped.group(2);
            name = grouped.group(3);
            subresource = grouped.group(4);
        } else {
            throw new AssertionError("not a namespaced resource request: " + request.method() + " " + path);
        }
        String verb = switch (request.method()) {
            case "GET" -> name == null ? (query.contains("watch=true") ? "watch" : "list") : "get";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> name == null ? "deletecollection" : "delete";
            default -> throw new AssertionError("unexpected method " + request.method());
        };
        return new Access(verb, group, subresource == null ? resource : resource + "/" + subresource, name);
    }

    static boolean allows(Role role, Access access) {
        return role.getRules().stream().anyMatch(rule -> allows(rule, access));
    }

    private static boolean allows(PolicyRule rule, Access access) {
        return matches(rule.getApiGroups(), access.group()) && matches(rule.getResources(), access.resource())
                && matches(rule.getVerbs(), access.verb())
                && (rule.getResourceNames() == null || rule.getResourceNames().isEmpty()
                        || access.name() != null && rule.getResourceNames().contains(access.name()));
    }

    private static boolean matches(@Nullable List<String> allowed, String value) {
        return allowed != null && (allowed.contains(value) || allowed.contains("*"));
    }

    /** The Roles of every {@code yaml} block of the page, by name. */
    static Map<String, Role> rolesOf(String markdown) {
        Map<String, Role> roles = new LinkedHashMap<>();
        Matcher block = Pattern.compile("(?ms)^```yaml\\n(.*?)^```").matcher(markdown);
        while (block.find()) {
            for (String document : block.group(1).split("(?m)^---$")) {
                HasMetadata object = cluster.client().getKubernetesSerialization().unmarshal(document);
                if (object instanceof Role role) {
                    roles.put(role.getMetadata().getName(), role);
                }
            }
        }
        return roles;
    }

    private static Map<String, Role> roles;

    @BeforeAll
    static void readTheDoc() throws IOException {
        roles = rolesOf(Files.readString(DOC, StandardCharsets.UTF_8));
    }

    /** Where an operation runs: the adapter and a namespace of its own. */
    private record Context(KubernetesClusterOperations ops, String namespace) {
    }

    /** One operation of the adapter, the Role it is documented under, and the fixture it needs. */
    private record Operation(String role, String name, Consumer<String> given,
                             Consumer<Context> run) {
    }

    private static String rbacNamespace() {
        return "rbac" + NAMESPACES.incrementAndGet();
    }

    private String chaosEngineYaml() {
        try (InputStream in = getClass().getResourceAsStream("/seed/chaos-pod-delete.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void webPods(String namespace) {
        for (String name : List.of("web-a", "web-b", "web-c")) {
            cluster.pod(namespace, name, Map.of("app", "web"), "Running", true, 0, "", "sidecar");
        }
    }

    private List<Operation> operations() {
        VirtualTime time = VirtualTime.startingAt(NOW);
        Map<String, String> web = Map.of("app", "web");
        Consumer<String> threeRevisions = n -> {
            var d = cluster.deployment(n, "web", "shop/web:v3", 3, 3);
            cluster.ownedReplicaSet(d, 1, "shop/web:v1", "");
            cluster.ownedReplicaSet(d, 2, "shop/web:v2", "");
            cluster.ownedReplicaSet(d, 3, "shop/web:v3", "");
            cluster.status(n, "web", -1, 3, 3, 3, "NewReplicaSetAvailable");
        };
        Consumer<String> nothing = n -> { };
        return List.of(
                new Operation(DIAGNOSIS, "pods", this::webPods, c -> c.ops().pods(c.namespace(), web)),
                new Operation(DIAGNOSIS, "rolloutHistory", threeRevisions,
                        c -> c.ops().rolloutHistory(c.namespace(), "web")),
                new Operation(DIAGNOSIS, "logs", this::webPods,
                        c -> c.ops().logs(c.namespace(), web, Duration.ofMinutes(10), "ERROR", 10, 100)),
                new Operation(DIAGNOSIS, "rolloutStatus", threeRevisions,
                        c -> c.ops().rolloutStatus(c.namespace(), "web")),
                new Operation(DIAGNOSIS, "awaitRollout", threeRevisions, c -> c.ops().awaitRollout(c.namespace(),
                        "web", Duration.ofMinutes(1), Duration.ofSeconds(5), time)),
                new Operation(MITIGATION, "rolloutUndo to the previous revision", threeRevisions,
                        c -> c.ops().rolloutUndo(c.namespace(), "web", OptionalLong.empty())),
                new Operation(MITIGATION, "rolloutUndo to a given revision", threeRevisions,
                        c -> c.ops().rolloutUndo(c.namespace(), "web", OptionalLong.of(1))),
                new Operation(MITIGATION, "rolloutRestart", threeRevisions,
                        c -> c.ops().rolloutRestart(c.namespace(), "web")),
                new Operation(MITIGATION, "scale", threeRevisions, c -> c.ops().scale(c.namespace(), "web", 5)),
                new Operation(MITIGATION, "deletePods by name", this::webPods,
                        c -> c.ops().deletePods(c.namespace(), List.of("web-a", "gone"), Duration.ofSeconds(30))),
                new Operation(MITIGATION, "deletePods by selector", this::webPods,
                        c -> c.ops().deletePods(c.namespace(), web, PodSelection.count(2), Duration.ZERO)),
                new Operation(CHAOS, "LitmusChaos.applyEngine, created", nothing,
                        c -> c.ops().chaos().applyEngine(c.namespace(), chaosEngineYaml())),
                new Operation(CHAOS, "LitmusChaos.applyEngine, replaced",
                        n -> KubernetesClusterOperations.using(cluster.client(), java.time.Clock.fixed(NOW,
                                java.time.ZoneOffset.UTC)).chaos().applyEngine(n, chaosEngineYaml()),
                        c -> c.ops().chaos().applyEngine(c.namespace(), chaosEngineYaml().replace("'30'", "'60'"))),
                new Operation(CHAOS, "LitmusChaos.result", n -> cluster.chaosResult(n, "pod-delete-test-pod-delete",
                        "Completed", "Pass", "100"),
                        c -> c.ops().chaos().result(c.namespace(), "pod-delete-test", "pod-delete")),
                new Operation(CHAOS, "LitmusChaos.result before Litmus wrote it", nothing,
                        c -> c.ops().chaos().result(c.namespace(), "pod-delete-test", "pod-delete")),
                new Operation(CHAOS, "deletePods, the pod-delete fault", this::webPods,
                        c -> c.ops().deletePods(c.namespace(), web, PodSelection.percent(50), Duration.ZERO)));
    }

    /** Runs the operation in a fresh namespace and returns what it requested, fixture requests left out. */
    private List<Access> requestsOf(Operation operation) {
        String namespace = rbacNamespace();
        operation.given().accept(namespace);
        cluster.clearRequests();
        operation.run().accept(new Context(ops, namespace));
        List<Access> accesses = cluster.requests().stream().map(KubernetesRbacTest::access).toList();
        assertThat(accesses).as("%s sends requests", operation.name()).isNotEmpty();
        return accesses;
    }

    @Test
    @DisplayName("the page holds the three Roles")
    void rolesOnThePage() {
        assertThat(roles).containsOnlyKeys(DIAGNOSIS, MITIGATION, CHAOS);
        assertThat(roles.values()).allSatisfy(role -> assertThat(role.getRules()).isNotEmpty());
    }

    @TestFactory
    @DisplayName("each operation's requests are allowed by its Role")
    Stream<DynamicTest> eachOperation() {
        cluster.serveLogs(java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC));
        Map<String, Set<Access>> usedByRole = new LinkedHashMap<>();
        List<DynamicTest> tests = new ArrayList<>();
        for (Operation operation : operations()) {
            tests.add(DynamicTest.dynamicTest(operation.role() + ": " + operation.name(), () -> {
                List<Access> accesses = requestsOf(operation);
                Role role = roles.get(operation.role());
                assertThat(accesses).as("requests of %s under %s", operation.name(), operation.role())
                        .allSatisfy(a -> assertThat(allows(role, a)).as("%s allows %s", operation.role(), a).isTrue());
                if (!operation.role().equals(DIAGNOSIS)) {
                    assertThat(accesses).as("%s changes something the diagnosis Role may not", operation.name())
                            .anySatisfy(a -> assertThat(allows(roles.get(DIAGNOSIS), a)).isFalse());
                } else {
                    assertThat(accesses).extracting(Access::verb).allMatch(READ_VERBS::contains);
                }
                usedByRole.computeIfAbsent(operation.role(), r -> new LinkedHashSet<>()).addAll(accesses);
            }));
        }
        tests.add(DynamicTest.dynamicTest("every rule of every Role is used by one of its operations", () -> {
            roles.forEach((name, role) -> {
                Set<Access> used = usedByRole.getOrDefault(name, Set.of());
                for (PolicyRule rule : role.getRules()) {
                    for (String group : rule.getApiGroups()) {
                        for (String resource : rule.getResources()) {
                            for (String verb : rule.getVerbs()) {
                                assertThat(used).as("%s grants %s %s/%s", name, verb, group, resource)
                                        .anySatisfy(a -> {
                                            assertThat(a.verb()).isEqualTo(verb);
                                            assertThat(a.group()).isEqualTo(group);
                                            assertThat(a.resource()).isEqualTo(resource);
                                        });
                            }
                        }
                    }
                }
            });
        }));
        return tests.stream();
    }

    @Test
    @DisplayName("scale needs only patch on deployments/scale: a Role written for kubectl scale admits it, fabric8's get and update are not needed")
    void scaleLikeKubectl() {
        Role kubectlScale = (Role) cluster.client().getKubernetesSerialization().unmarshal("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata:
                  name: kubectl-scale
                rules:
                  - apiGroups: ["apps"]
                    resources: ["deployments"]
                    verbs: ["get"]
                  - apiGroups: ["apps"]
                    resources: ["deployments/scale"]
                    verbs: ["patch"]
                """);
        String namespace = rbacNamespace();
        cluster.deployment(namespace, "web", "shop/web:v1", 3, 1);
        cluster.clearRequests();

        ops.scale(namespace, "web", 5);

        List<Access> accesses = cluster.requests().stream().map(KubernetesRbacTest::access).toList();
        assertThat(accesses).containsExactly(new Access("patch", "apps", "deployments/scale", "web"));
        assertThat(accesses).allMatch(a -> allows(kubectlScale, a));
    }

    @Test
    @DisplayName("requests map to RBAC attributes as the API server resolves them")
    void accessMapping() {
        assertThat(access(new KubernetesMockCluster.Request("GET", "/api/v1/namespaces/n/pods/p/log?container=a", "",
                ""))).isEqualTo(new Access("get", "", "pods/log", "p"));
        assertThat(access(new KubernetesMockCluster.Request("GET", "/api/v1/namespaces/n/pods?labelSelector=a%3Db",
                "", ""))).isEqualTo(new Access("list", "", "pods", null));
        assertThat(access(new KubernetesMockCluster.Request("GET",
                "/apis/apps/v1/namespaces/n/deployments?fieldSelector=x&watch=true", "", "")))
                .isEqualTo(new Access("watch", "apps", "deployments", null));
        assertThat(access(new KubernetesMockCluster.Request("PATCH", "/apis/apps/v1/namespaces/n/deployments/d/scale",
                "", ""))).isEqualTo(new Access("patch", "apps", "deployments/scale", "d"));
        assertThat(access(new KubernetesMockCluster.Request("DELETE", "/api/v1/namespaces/n/pods", "", "")))
                .isEqualTo(new Access("deletecollection", "", "pods", null));
        Role diagnosis = roles.get(DIAGNOSIS);
        assertThat(allows(diagnosis, new Access("get", "", "pods/log", "p"))).isTrue();
        assertThat(allows(diagnosis, new Access("get", "", "pods", "p"))).isFalse();
        assertThat(allows(diagnosis, new Access("patch", "apps", "deployments", "d"))).isFalse();
    }
}
