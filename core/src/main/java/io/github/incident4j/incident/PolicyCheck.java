package io.github.incident4j.incident;

import io.github.incident4j.common.Finding;
import io.github.incident4j.escalation.EscalationLevel;
import io.github.incident4j.escalation.EscalationPolicy;
import io.github.incident4j.escalation.Target;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks an escalation policy against a roster (see {@link IncidentManager#validate}): every target that does not
 * resolve, by level and name. A schedule or role the roster does not know is an error ({@code unknown-target}); a
 * known schedule with nobody on call at the instant is a warning ({@code nobody-on-call}); a level where no target
 * resolves is an error ({@code level-resolves-to-nobody}).
 */
final class PolicyCheck {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentManager.class);

    private PolicyCheck() {
    }

    static List<Finding> check(EscalationPolicy policy, Roster roster, Instant at) {
        List<Finding> findings = new ArrayList<>();
        for (EscalationLevel level : policy.levels()) {
            int resolved = 0;
            List<String> why = new ArrayList<>();
            for (int i = 0; i < level.targets().size(); i++) {
                Target t = level.targets().get(i);
                String where = "escalation_policy '" + policy.name() + "'.levels[" + level.number() + "].targets[" + i
                        + "]";
                Roster.Resolution res = roster.resolve(t, at);
                if (res.person().isPresent()) {
                    resolved++;
                } else if (roster.knows(t)) {
                    findings.add(Finding.warning("nobody-on-call", describe(t) + ": " + res.explanation(), where));
                    why.add(res.explanation());
                } else {
                    findings.add(Finding.error("unknown-target", describe(t) + " does not resolve: "
                            + res.explanation(), where));
                    why.add(res.explanation());
                }
            }
            if (resolved == 0) {
                findings.add(Finding.error("level-resolves-to-nobody", "level " + level.number()
                        + " resolves to nobody at " + at + ": " + String.join("; ", why),
                        "escalation_policy '" + policy.name() + "'.levels[" + level.number() + "]"));
            }
        }
        return List.copyOf(findings);
    }

    /** Logs every error of {@link #check} at ERROR, naming the alert and the target. */
    static void logErrors(Alert alert, EscalationPolicy policy, Roster roster, Instant at) {
        for (Finding f : check(policy, roster, at)) {
            if (f.level() == Finding.Level.ERROR) {
                LOG.error("alert {} (service {}): {}: {}", alert.dedupKey(), alert.service(), f.location(),
                        f.message());
            }
        }
    }

    private static String describe(Target t) {
        if (t instanceof Target.OnCall o) {
            return "the on-call of schedule '" + o.schedule() + "'";
        }
        return t instanceof Target.Role ? "role '" + t.name() + "'" : "person '" + t.name() + "'";
    }
}
