package consumer;

import io.github.incident4j.Incident4jException;
import io.github.incident4j.chaos.ChaosExperiment;
import io.github.incident4j.escalation.EscalationMatrix;
import io.github.incident4j.format.ChaosEngineYaml;
import io.github.incident4j.format.EscalationMatrixText;
import io.github.incident4j.format.IncompatibleJacksonException;
import io.github.incident4j.format.OnCallYaml;
import io.github.incident4j.format.PostmortemMarkdown;
import io.github.incident4j.format.RunbookMarkdown;
import io.github.incident4j.incident.Alert;
import io.github.incident4j.incident.IncidentManager;
import io.github.incident4j.incident.Roster;
import io.github.incident4j.oncall.OnCallConfig;
import io.github.incident4j.postmortem.Postmortem;
import io.github.incident4j.runbook.Runbook;
import io.github.incident4j.sim.RecordingPager;
import io.github.incident4j.sim.VirtualTime;
import io.github.incident4j.spi.Page;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

/**
 * What a host does first with incident4j, run by each consumer build under its own dependency management: read the
 * five seed formats, write them back, run a small escalation, touch the Kubernetes adapter's serialization. Prints
 * the versions Maven resolved. With {@code expect=incompatible} it checks instead that the first reader call fails
 * with incident4j's own exception naming the versions and the fix.
 */
public final class ConsumerCheck {

    public static void main(String[] args) throws Exception {
        Path seeds = Path.of(args[0]);
        String expect = args.length > 1 ? args[1] : "works";
        printVersions();
        if (expect.equals("incompatible")) {
            try {
                OnCallYaml.parse(read(seeds, "oncall-rotation.yaml"));
            } catch (IncompatibleJacksonException e) {
                require(e.getMessage().contains("jackson-annotations") && e.getMessage().contains("jackson-bom"),
                        "the message names the annotations and the fix: " + e.getMessage());
                System.out.println("CONSUMER OK: refused with " + e.getMessage());
                return;
            }
            throw new AssertionError("expected IncompatibleJacksonException");
        }

        OnCallConfig oncall = OnCallYaml.parse(read(seeds, "oncall-rotation.yaml"));
        require(OnCallYaml.parse(OnCallYaml.render(oncall)).equals(oncall), "rotation round-trips");
        Runbook runbook = RunbookMarkdown.parse(read(seeds, "runbook-template.md"));
        require(RunbookMarkdown.parse(RunbookMarkdown.render(runbook)).equals(runbook), "runbook round-trips");
        Postmortem postmortem = PostmortemMarkdown.parse(read(seeds, "postmortem-template.md"));
        require(PostmortemMarkdown.parse(PostmortemMarkdown.render(postmortem)).equals(postmortem),
                "postmortem round-trips");
        ChaosExperiment chaos = ChaosEngineYaml.parse(read(seeds, "chaos-pod-delete.yaml"));
        require(ChaosEngineYaml.parse(ChaosEngineYaml.render(chaos)).equals(chaos), "chaos engine round-trips");
        EscalationMatrix matrix = EscalationMatrixText.parse(read(seeds, "escalation-matrix.txt"));
        require(EscalationMatrixText.parse(EscalationMatrixText.render(matrix)).equals(matrix), "matrix round-trips");

        VirtualTime time = VirtualTime.startingAt(Instant.parse("2026-03-03T10:00:00Z"));
        RecordingPager pager = new RecordingPager();
        IncidentManager manager = IncidentManager.builder().timers(time).pager(pager).matrix(matrix)
                .roster(Roster.builder().schedule(oncall.schedule()).role("engineering_lead", "Dana").build())
                .build();
        manager.trigger(Alert.withKey("payments/error-rate").service("payment-service").summary("Error rate above 5%")
                .severity("SEV-2").category("App crash").build(), oncall.escalationPolicy());
        time.advance(Duration.ofMinutes(20));
        List<String> paged = pager.pages().stream().map(Page::recipient).toList();
        require(paged.equals(List.of("Carol", "Dana")), "levels 1 and 2 paged, got " + paged);

        // The adapter: fabric8's own Jackson-based serialization under the same dependency management.
        io.fabric8.kubernetes.api.model.Pod pod = new io.fabric8.kubernetes.api.model.PodBuilder()
                .withNewMetadata().withName("payment-service-0").endMetadata().build();
        String yaml = new io.fabric8.kubernetes.client.utils.KubernetesSerialization().asYaml(pod);
        require(yaml.contains("payment-service-0"), "fabric8 serializes a pod: " + yaml);
        require(io.github.incident4j.kubernetes.KubernetesClusterOperations.class.getName().endsWith("Operations"),
                "adapter on the classpath");
        System.out.println("CONSUMER OK: five formats read and written, " + paged.size() + " pages, fabric8 works");
    }

    private static void printVersions() {
        for (String ga : new String[] {"tools.jackson.core:jackson-databind", "tools.jackson.dataformat:jackson-dataformat-yaml",
                "com.fasterxml.jackson.core:jackson-annotations", "org.snakeyaml:snakeyaml-engine",
                "org.commonmark:commonmark", "org.slf4j:slf4j-api", "io.fabric8:kubernetes-client-api"}) {
            String[] p = ga.split(":");
            String version = "missing";
            try (InputStream in = ConsumerCheck.class.getClassLoader()
                    .getResourceAsStream("META-INF/maven/" + p[0] + "/" + p[1] + "/pom.properties")) {
                if (in != null) {
                    Properties props = new Properties();
                    props.load(in);
                    version = props.getProperty("version");
                }
            } catch (IOException e) {
                version = "unreadable";
            }
            System.out.println("RESOLVED " + ga + " " + version);
        }
    }

    private static String read(Path dir, String name) throws IOException {
        return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new Incident4jException("consumer check failed: " + what);
        }
    }
}
