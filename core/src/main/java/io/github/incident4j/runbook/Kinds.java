package io.github.incident4j.runbook;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Kubernetes resource kinds as kubectl names them: the names, short names and singulars a command may use for a
 * kind ({@code po}, {@code pod}, {@code pods}), the canonical plural incident4j uses ({@code pods}), and which kinds are
 * cluster-scoped. A kind it does not know (a custom resource such as {@code orders.acme.cert-manager.io}) is kept as
 * written, lower case, and treated as namespaced.
 */
public final class Kinds {

    private static final Map<String, String> CANONICAL = new HashMap<>();
    private static final Set<String> CLUSTER_SCOPED = Set.of("nodes", "namespaces", "persistentvolumes", "storageclasses",
            "customresourcedefinitions", "clusteroperators", "clusterversions", "machineconfigpools", "machineconfigs",
            "clusterroles", "clusterrolebindings", "priorityclasses", "ingressclasses", "apiservices",
            "mutatingwebhookconfigurations", "validatingwebhookconfigurations", "certificatesigningrequests",
            "volumeattachments", "csidrivers", "csinodes", "runtimeclasses", "kubevirts.kubevirt.io");
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)*");

    static {
        kind("pods", "po", "pod");
        kind("deployments", "deploy", "deployment", "deployment.apps", "deployments.apps");
        kind("daemonsets", "ds", "daemonset", "daemonset.apps", "daemonsets.apps");
        kind("statefulsets", "sts", "statefulset", "statefulset.apps", "statefulsets.apps");
        kind("replicasets", "rs", "replicaset");
        kind("services", "svc", "service");
        kind("endpoints", "ep");
        kind("configmaps", "cm", "configmap");
        kind("secrets", "secret");
        kind("nodes", "no", "node");
        kind("namespaces", "ns", "namespace");
        kind("events", "ev", "event");
        kind("jobs", "job", "job.batch", "jobs.batch");
        kind("cronjobs", "cj", "cronjob");
        kind("persistentvolumeclaims", "pvc", "persistentvolumeclaim");
        kind("persistentvolumes", "pv", "persistentvolume");
        kind("ingresses", "ing", "ingress");
        kind("horizontalpodautoscalers", "hpa", "horizontalpodautoscaler");
        kind("poddisruptionbudgets", "pdb", "poddisruptionbudget");
        kind("serviceaccounts", "sa", "serviceaccount");
        kind("storageclasses", "sc", "storageclass");
        kind("customresourcedefinitions", "crd", "crds", "customresourcedefinition");
        kind("networkpolicies", "netpol", "networkpolicy");
        kind("clusteroperators", "co", "clusteroperator");
        kind("clusterversions", "clusterversion");
        kind("machines", "machine", "machines.machine.openshift.io");
        kind("machinesets", "machineset");
        kind("machineconfigpools", "mcp", "machineconfigpool");
        kind("routes", "route");
        kind("virtualmachineinstances", "vmi", "vmis", "virtualmachineinstance");
        kind("virtualmachines", "vm", "vms", "virtualmachine");
        kind("datavolumes", "dv", "dvs", "datavolume");
        kind("ingresscontrollers", "ingresscontroller");
    }

    private Kinds() {
    }

    private static void kind(String canonical, String... names) {
        CANONICAL.put(canonical, canonical);
        for (String n : names) {
            CANONICAL.put(n, canonical);
        }
    }

    /** The canonical plural for a kind as a command writes it, or empty when the word is not a kind's name. */
    public static Optional<String> canonical(String written) {
        String w = written.toLowerCase(Locale.ROOT);
        String known = CANONICAL.get(w);
        if (known != null) {
            return Optional.of(known);
        }
        return KIND.matcher(w).matches() && w.length() <= 253 && !w.equals("all") ? Optional.of(w) : Optional.empty();
    }

    /** Whether a canonical kind is cluster-scoped (no namespace). */
    public static boolean clusterScoped(String canonical) {
        return CLUSTER_SCOPED.contains(canonical);
    }

    /** The workload kinds rollouts work on, by canonical name, with kubectl's singular for display. */
    static Optional<String> workload(String written) {
        return canonical(written).filter(k -> k.equals("deployments") || k.equals("daemonsets") || k.equals("statefulsets"))
                .map(Kinds::singular);
    }

    /** kubectl's singular of a canonical kind ({@code deployments} to {@code deployment}). */
    static String singular(String canonical) {
        if (canonical.endsWith("sses") || canonical.endsWith("xes")) {
            return canonical.substring(0, canonical.length() - 2);
        }
        if (canonical.endsWith("ies")) {
            return canonical.substring(0, canonical.length() - 3) + "y";
        }
        return canonical.endsWith("s") && !canonical.endsWith("ss") ? canonical.substring(0, canonical.length() - 1) : canonical;
    }
}
