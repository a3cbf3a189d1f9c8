package io.github.incident4j.spi;

import java.util.List;
import java.util.Objects;

/**
 * Says yes or no before a mitigation changes anything. The default is {@link #DENY_ALL}: nothing runs
 * until a host decides how approvals are given (a person in chat, a change ticket, a policy).
 *
 * <pre>{@code
 * Approver onCallSaysYes = request -> Approver.Decision.approve("alice", "rollback is the runbook's first step");
 * }</pre>
 */
@FunctionalInterface
public interface Approver {

    /** Denies everything (the default). */
    Approver DENY_ALL = request -> Decision.deny("nobody", "no approver is configured");

    /** Approves everything; for tests, demos and fully automated remediation a team has agreed to. */
    Approver ALLOW_ALL = request -> Decision.approve("auto", "approve-all approver");

    /** Decides on a request. */
    Decision decide(Request request);

    /**
     * What is asked.
     *
     * @param service the service the runbook is for
     * @param action the mitigation or action name, e.g. {@code Rollback deployment}
     * @param operations the exact operations that would run, one line each
     */
    record Request(String service, String action, List<String> operations) {
        /** Copies the operations. */
        public Request {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(action, "action");
            operations = List.copyOf(operations);
        }
    }

    /**
     * The answer.
     *
     * @param approved yes or no
     * @param by who decided
     * @param reason why
     */
    record Decision(boolean approved, String by, String reason) {
        /** Validates the parts. */
        public Decision {
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(reason, "reason");
        }

        /** A yes. */
        public static Decision approve(String by, String reason) {
            return new Decision(true, by, reason);
        }

        /** A no. */
        public static Decision deny(String by, String reason) {
            return new Decision(false, by, reason);
        }
    }
}
