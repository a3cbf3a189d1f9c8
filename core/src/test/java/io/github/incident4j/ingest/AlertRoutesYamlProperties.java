package io.github.incident4j.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.common.Severity;
import io.github.incident4j.incident.Urgency;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any routing table rendered to YAML reads back equal. */
class AlertRoutesYamlProperties {

    private static Arbitrary<String> words() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars(" -_.:/'\"#&*").ofMinLength(1).ofMaxLength(14)
                .filter(s -> !s.isBlank() && !s.strip().equals("null") && !s.strip().equals("~") && s.strip().equals(s));
    }

    private static Arbitrary<AlertRoute.Builder> route(Arbitrary<String> name, boolean matchers) {
        Arbitrary<String> matcher = Combinators.combine(Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6),
                Arbitraries.of("=", "!=", "=~", "!~"), Arbitraries.strings().withChars("abc|.*\" ,").ofMaxLength(8))
                .as((l, op, v) -> LabelMatcher.of(l, switch (op) {
                    case "=" -> LabelMatcher.Op.EQUAL;
                    case "!=" -> LabelMatcher.Op.NOT_EQUAL;
                    case "=~" -> LabelMatcher.Op.REGEX;
                    default -> LabelMatcher.Op.NOT_REGEX;
                }, op.contains("~") ? v.replace("\"", "").replace("*", "a*") : v).toString());
        return Combinators.combine(name, matcher.list().ofMinSize(matchers ? 1 : 0).ofMaxSize(matchers ? 3 : 0),
                words().injectNull(0.5), words().injectNull(0.5), words().injectNull(0.5),
                Arbitraries.of(Severity.class).injectNull(0.5), Arbitraries.of(Urgency.class).injectNull(0.5),
                Arbitraries.of(true, false).injectNull(0.5))
                .as((n, ms, service, policy, category, sev, urgency, auto) -> {
                    AlertRoute.Builder b = AlertRoute.named(n).matching(ms.toArray(String[]::new));
                    if (service != null) {
                        b.service(service);
                    }
                    if (policy != null) {
                        b.policy(policy);
                    }
                    if (category != null) {
                        b.category(category);
                    }
                    if (sev != null) {
                        b.defaultSeverity(sev).severity("w" + sev.rank(), sev);
                    }
                    if (urgency != null) {
                        b.urgency(urgency);
                    }
                    if (auto != null) {
                        b.autoResolve(auto);
                    }
                    return b;
                });
    }

    @Provide
    Arbitrary<AlertRoutes> tables() {
        Arbitrary<List<AlertRoute.Builder>> routes = Arbitraries.integers().between(0, 4).flatMap(n ->
                Combinators.combine(java.util.stream.IntStream.range(0, n)
                        .mapToObj(i -> route(Arbitraries.just("r" + i), true)).toList()).as(l -> l));
        return Combinators.combine(routes, route(Arbitraries.just("default"), false), words())
                .as((rs, d, policy) -> {
                    AlertRoutes.Builder t = AlertRoutes.builder();
                    rs.forEach(t::route);
                    return t.otherwise(d.policy(policy)).build();
                });
    }

    @Property(tries = 100)
    @Label("parse(render(t)) equals t")
    void roundTrip(@ForAll("tables") AlertRoutes table) {
        assertThat(AlertRoutesYaml.parse(AlertRoutesYaml.render(table))).isEqualTo(table);
    }
}
