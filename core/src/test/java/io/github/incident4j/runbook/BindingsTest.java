package io.github.incident4j.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incident4j.ValidationException;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BindingsTest {

    @Test
    @DisplayName("text takes bound values as they are, for ${NAME} and $NAME; an unbound variable is named")
    void expand() {
        Bindings b = Bindings.of(Map.of("ns", "production")).and("who", "Alice & Bob");
        assertThat(b.expand("kubectl get pods -n ${ns} for ${who}")).isEqualTo("kubectl get pods -n production for Alice & Bob");
        assertThat(Bindings.variablesIn("${a} ${b} ${a} $c {d} $1 $(e) $? $$")).containsExactly("a", "b", "c");
        assertThat(b.expand("oc get pods -n $ns")).isEqualTo("oc get pods -n production");
        assertThat(b.expandKnown("-n $ns $POD ${other}")).isEqualTo("-n production $POD ${other}");
        assertThatThrownBy(() -> b.expand("${missing}")).isInstanceOf(ValidationException.class).hasMessageContaining("${missing}");
    }

    @Test
    @DisplayName("a name that is not a variable name is refused")
    void names() {
        assertThatThrownBy(() -> Bindings.of(Map.of("bad-name", "x", "1st", "y")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems()).hasSize(2));
    }

    @Test
    @DisplayName("a namespace given as a variable is bound and checked before a command runs")
    void namespaceVariable() {
        Runbook r = Runbook.forService("s").namespace("${ns}").diagnose("Pods", "kubectl get pods -l app=s").build();
        assertThat(r.defaultNamespace()).isEqualTo("${ns}");
        assertThat(Command.bind(r.diagnosis().get(0).command().orElseThrow(), Bindings.empty(), "staging"))
                .isEqualTo(new Command.ListPods("staging", Map.of("app", "s")));
    }
}
