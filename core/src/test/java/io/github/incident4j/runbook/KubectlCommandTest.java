package io.github.incident4j.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.ValidationException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("kubectl and oc lines as real runbooks write them become typed operations")
class KubectlCommandTest {

    static Command parse(String line) {
        return Command.parse(line, "default");
    }

    @Test
    @DisplayName("get of any kind, by name or kind/name, with -o wide|yaml|json|name, -A, -l, --field-selector and --sort-by")
    void get() {
        assertThat(parse("kubectl get pods -n prod -l app=api -o wide")).isEqualTo(new Command.ListPods("prod", Map.of("app", "api")));
        assertThat(parse("oc get deployment virt-controller -n kubevirt -o yaml")).isEqualTo(new Command.Get("deployments",
                Optional.of("kubevirt"), Optional.of("virt-controller"), Map.of(), Optional.empty(), Optional.empty(), Command.Output.YAML));
        assertThat(parse("kubectl get pods -A --field-selector spec.nodeName=node-7 -o wide")).isEqualTo(new Command.Get("pods",
                Optional.empty(), Optional.empty(), Map.of(), Optional.of("spec.nodeName=node-7"), Optional.empty(), Command.Output.WIDE));
        assertThat(parse("kubectl get events -n shop --sort-by=.lastTimestamp")).isEqualTo(new Command.Get("events",
                Optional.of("shop"), Optional.empty(), Map.of(), Optional.empty(), Optional.of(".lastTimestamp"), Command.Output.DEFAULT));
        assertThat(parse("oc get nodes -l node-role.kubernetes.io/master= -o wide")).isEqualTo(new Command.Get("nodes",
                Optional.empty(), Optional.empty(), Map.of("node-role.kubernetes.io/master", ""), Optional.empty(), Optional.empty(),
                Command.Output.WIDE));
        assertThat(parse("oc get clusteroperator/authentication -ojson")).isEqualTo(new Command.Get("clusteroperators",
                Optional.empty(), Optional.of("authentication"), Map.of(), Optional.empty(), Optional.empty(), Command.Output.JSON));
        assertThat(parse("kubectl get orders.acme.cert-manager.io -n storefront")).isInstanceOf(Command.Get.class);
        assertThat(parse("kubectl -n prod get pod api-7d9 -o name")).isEqualTo(new Command.Get("pods", Optional.of("prod"),
                Optional.of("api-7d9"), Map.of(), Optional.empty(), Optional.empty(), Command.Output.NAME));
    }

    @Test
    @DisplayName("describe, top pods and nodes, and oc adm top")
    void describeAndTop() {
        assertThat(parse("kubectl describe node worker-3")).isEqualTo(new Command.Describe("nodes", Optional.empty(),
                Optional.of("worker-3"), Map.of()));
        assertThat(parse("kubectl describe pods -n identity -l app=auth")).isEqualTo(new Command.Describe("pods",
                Optional.of("identity"), Optional.empty(), Map.of("app", "auth")));
        assertThat(parse("kubectl top pods -n media -l app=resizer --containers")).isEqualTo(new Command.Top(false,
                Optional.of("media"), Optional.empty(), Map.of("app", "resizer"), true));
        assertThat(parse("oc adm top nodes")).isEqualTo(new Command.Top(true, Optional.empty(), Optional.empty(), Map.of(), false));
        assertThat(parse("kubectl top pod web-1 -n shop --sort-by=cpu")).isEqualTo(new Command.Top(false, Optional.of("shop"),
                Optional.of("web-1"), Map.of(), false));
    }

    @Test
    @DisplayName("logs of a pod or workload with -c, --previous, --tail and --since; -f is refused as unbounded")
    void logs() {
        assertThat(parse("kubectl logs -n identity auth-6d8f -c auth --previous --tail=200")).isEqualTo(new Command.PodLogs(
                "identity", "auth-6d8f", Optional.of("auth"), true, OptionalInt.of(200), Optional.empty(), Optional.empty()));
        assertThat(parse("oc logs -n openshift-ingress deployment/router-default --since=20m | grep error")).isEqualTo(
                new Command.PodLogs("openshift-ingress", "deployment/router-default", Optional.empty(), false, OptionalInt.empty(),
                        Optional.of(Duration.ofMinutes(20)), Optional.of("error")));
        assertThat(parse("kubectl logs -n search -l app=indexer --since=1h --tail=500 -p")).isEqualTo(new Command.Logs("search",
                Map.of("app", "indexer"), Optional.of(Duration.ofHours(1)), Optional.empty(), Optional.empty(), true, OptionalInt.of(500)));
        assertThat(parse("kubectl logs web-1 nginx -n shop")).isEqualTo(new Command.PodLogs("shop", "web-1", Optional.of("nginx"),
                false, OptionalInt.empty(), Optional.empty(), Optional.empty()));
        Command follow = parse("kubectl logs -f web-1 -n shop");
        assertThat(follow).isInstanceOfSatisfying(Command.Manual.class, m -> {
            assertThat(m.text()).isEqualTo("kubectl logs -f web-1 -n shop");
            assertThat(m.reason()).contains("without end");
        });
        assertThat(parse("kubectl get pods -w")).isInstanceOfSatisfying(Command.Manual.class, m -> assertThat(m.reason()).contains("-w"));
    }

    @Test
    @DisplayName("rollout of deployments, daemon sets and stateful sets; scale; delete pod; all of them mutations where kubectl's are")
    void rolloutsAndMutations() {
        assertThat(parse("kubectl rollout restart ds/virt-handler -n kubevirt")).isEqualTo(
                new Command.RolloutRestart("kubevirt", "virt-handler", "daemonset"));
        assertThat(parse("kubectl rollout status statefulset/kafka -n data --timeout=5m")).isEqualTo(
                new Command.RolloutStatus("data", "kafka", Optional.of(Duration.ofMinutes(5)), "statefulset"));
        assertThat(parse("oc rollout history deploy/api -n shop")).isEqualTo(new Command.RolloutHistory("shop", "api"));
        assertThat(parse("kubectl rollout undo deployment/api -n shop --to-revision=3")).isEqualTo(
                new Command.RolloutUndo("shop", "api", OptionalLong.of(3)));
        assertThat(parse("kubectl scale statefulset/kafka --replicas=5 -n data")).isEqualTo(new Command.Scale("data", "kafka", 5, "statefulset"));
        assertThat(parse("oc delete pod etcd-master-1 -n openshift-etcd")).isEqualTo(new Command.DeletePods("openshift-etcd",
                java.util.List.of("etcd-master-1"), Map.of(), Optional.empty()));
        assertThat(parse("kubectl rollout restart ds/x -n y").mutating()).isTrue();
        assertThat(parse("kubectl rollout status ds/x -n y").mutating()).isFalse();
    }

    @Test
    @DisplayName("cordon, uncordon and drain with its options, oc adm's too; all need approval")
    void nodes() {
        assertThat(parse("kubectl cordon worker-3")).isEqualTo(new Command.Cordon("worker-3"));
        assertThat(parse("oc adm uncordon node/worker-3")).isEqualTo(new Command.Uncordon("worker-3"));
        Command drain = parse("kubectl drain worker-3 --ignore-daemonsets --delete-emptydir-data --grace-period=60 --timeout=15m");
        assertThat(drain).isEqualTo(new Command.Drain("worker-3", true, true, false, Optional.of(Duration.ofSeconds(60)),
                Optional.of(Duration.ofMinutes(15))));
        assertThat(drain.mutating()).isTrue();
        assertThat(parse("oc adm drain worker-3 --ignore-daemonsets --force")).isInstanceOf(Command.Drain.class);
    }

    @Test
    @DisplayName("$NAME variables are bound at run time and checked where they land")
    void variables() {
        Bindings b = Bindings.of(Map.of("NAMESPACE", "kubevirt", "POD", "virt-handler-x2k"));
        assertThat(Command.bind("kubectl -n $NAMESPACE logs $POD --previous", b, "default")).isEqualTo(new Command.PodLogs(
                "kubevirt", "virt-handler-x2k", Optional.empty(), true, OptionalInt.empty(), Optional.empty(), Optional.empty()));
        assertThatThrownBy(() -> Command.bind("kubectl get pod $POD -n $NAMESPACE", b.and("POD", "x;reboot"), "default"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems().get(0).field()).isEqualTo("${POD}"));
        assertThatThrownBy(() -> Command.bind("kubectl get pod $POD -n $NAMESPACE", Bindings.empty(), "default"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("has no value");
        // a manual command shows unbound variables as written instead of refusing
        assertThat(Command.bind("kubectl exec -n $NAMESPACE $POD -- df -h", Bindings.empty(), "default"))
                .isEqualTo(new Command.Manual("kubectl exec -n $NAMESPACE $POD -- df -h"));
    }
}
