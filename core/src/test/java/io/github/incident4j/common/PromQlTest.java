package io.github.incident4j.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

@DisplayName("PromQl checks PromQL as Prometheus parses it")
class PromQlTest {

    @ParameterizedTest(name = "{0}")
    @DisplayName("queries Prometheus accepts are valid")
    @ValueSource(strings = {
            "up",
            "http_requests_total{job=\"api\", code=~\"5..\"}",
            "{__name__=~\"job:.*\"}",
            "{\"http.server.requests\", method=\"GET\"}",
            "rate(http_requests_total[5m])",
            "sum by (job) (rate(http_requests_total{code=~\"5..\"}[5m])) / sum by (job) (rate(http_requests_total[5m]))",
            "sum(rate(x[1m])) by (job, instance)",
            "sum without (instance) (x)",
            "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))",
            "topk(5, rate(x[5m]))",
            "quantile(0.9, x)",
            "count_values(\"version\", build_info)",
            "x offset 5m",
            "x offset -1h30m",
            "rate(x[5m] offset 1w)",
            "x @ 1609746000",
            "x @ start()",
            "rate(x[5m] @ end() offset 10m)",
            "max_over_time(rate(x[1m])[30m:1m])",
            "max_over_time(deriv(rate(x[1m])[5m:])[1h:])",
            "a + on(job) group_left(instance) b",
            "a * ignoring(code) group_right b",
            "a and b or c unless d",
            "a > bool 5",
            "1 == bool 1",
            "2 ^ 3 ^ 2",
            "-x",
            "-2 ^ 2",
            "2 ^ -1",
            "1e3 + 0x1F + .5 + Inf - NaN",
            "vector(1) + scalar(sum(x))",
            "time() - process_start_time_seconds",
            "label_replace(up, \"host\", \"$1\", \"instance\", \"(.*):.*\")",
            "label_join(up, \"foo\", \",\", \"a\", \"b\", \"c\")",
            "round(x, 0.5)",
            "day_of_week()",
            "absent(up{job=\"x\"})",
            "'single' ",
            "`raw\\string`",
            "x # a comment\n + y",
            "SUM(x) BY (job)",
            "x AND y",
            "100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{mode=\"idle\"}[5m])))",
            "{job=\"a\",}",
            "sum by (job,) (x)",
            "predict_linear(node_filesystem_free_bytes[1h], 4 * 3600) < 0",
            "sum(rate(http_requests_total{status=~\"5..\"}[1m])) / sum(rate(http_requests_total[1m])) * 100 > 1",
    })
    void valid(String query) {
        assertThat(PromQl.check(query)).as(query).isEmpty();
        assertThat(PromQl.isValid(query)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("queries Prometheus refuses give the first problem at its column")
    @CsvSource(delimiter = '|', value = {
            "p99 latency                          | 5  | after a complete expression",
            "error rate                           | 7  | after a complete expression",
            "rate(x)                              | 6  | expected a range vector as argument 1 of rate",
            "sum(rate(x[5m])                      | 16 | ')' to close sum",
            "x{job=\"a\"                          | 10 | ',' or '}'",
            "x{job=a}                             | 7  | a quoted label value",
            "x{job~\"a\"}                         | 6  | unexpected character '~'",
            "x[5]                                 | 3  | needs a duration with a unit",
            "x[5x]                                | 3  | malformed number",
            "x[0s]                                | 3  | greater than 0",
            "x[1m30h]                             | 3  | largest first",
            "rate(x[5m])[5m]                      | 12 | may only follow a vector selector",
            "x[5m][5m]                            | 6  | range vector cannot take",
            "(x)[5m]                              | 4  | may only follow a vector selector",
            "sum(x) offset 5m                     | 8  | offset must follow",
            "x offset 5m offset 1m                | 13 | only once",
            "foo(x)                               | 1  | unknown function 'foo'",
            "histogram_quantile(x)                | 21 | takes 2 arguments, got 1",
            "a and 1                              | 3  | set operator 'and' needs instant vectors",
            "1 > 2                                | 3  | needs the bool modifier",
            "a + bool b                           | 5  | bool is only allowed after a comparison",
            "a + group_left b                     | 5  | needs on(...) or ignoring(...)",
            "a and on(x) group_left b             | 13 | not allowed with the set operator",
            "{job=\"\"}                           | 1  | does not match the empty string",
            "{job=~\".*\"}                        | 1  | does not match the empty string",
            "x{job=~\"(\"}                        | 8  | invalid regular expression",
            "\"unterminated                       | 1  | unterminated string",
            "\"bad \\q escape\"                   | 6  | unknown escape sequence",
            "x +                                  | 4  | unexpected end of query",
            "topk(x)                              | 6  | needs a scalar as its first argument",
            "topk(\"5\", x)                       | 6  | needs a scalar as its first argument",
            "sum(rate(x[5m]), y)                  | 16 | takes one argument",
            "count_values(5, x)                   | 14 | needs a string",
            "sum(x) by (job) by (x)               | 17 | after a complete expression",
            "x @ now                              | 5  | after @",
            "-\"s\"                               | 1  | unary '-' needs",
            "x[5m] + 1                            | 1  | needs scalars or instant vectors",
            "sum                                  | 1  | needs its argument",
            "offset                               | 1  | unexpected keyword",
            "                                     | 1  | empty query",
            "5m                                   | 1  | durations go in",
            "x !y                                 | 3  | did you mean",
            "x{a=\"b\"}{c=\"d\"}                  | 9  | after a complete expression",
            "x{__name__=\"y\"}                    | 3  | metric name is given twice",
    })
    void invalid(String query, int column, String message) {
        Optional<PromQl.Problem> p = PromQl.check(query == null ? "" : query.strip());
        assertThat(p).as(query).isPresent();
        assertThat(p.get().column()).as(p.get().toString()).isEqualTo(column);
        assertThat(p.get().message()).containsAnyOf(message.split("\\|"));
    }

    @Test
    @DisplayName("a problem on a later line gives its line and the column in that line")
    void lineAndColumn() {
        PromQl.Problem p = PromQl.check("sum(\n  rate(x)\n)").orElseThrow();
        assertThat(p.line()).isEqualTo(2);
        assertThat(p.column()).isEqualTo(8);
        assertThat(p.offset()).isEqualTo(12);
        assertThat(p.toString()).startsWith("line 2, column 8: expected a range vector");
    }

    @Test
    @DisplayName("queries over the cap and nesting past the limit are refused, never a stack overflow")
    void bounded() {
        assertThat(PromQl.check("x".repeat(PromQl.MAX_CHARS + 1))).hasValueSatisfying(p ->
                assertThat(p.message()).contains("over the limit"));
        assertThat(PromQl.check("(".repeat(5000) + "x" + ")".repeat(5000))).hasValueSatisfying(p ->
                assertThat(p.message()).contains("nested deeper"));
        assertThat(PromQl.check("-".repeat(5000) + "x")).hasValueSatisfying(p ->
                assertThat(p.message()).contains("nested deeper"));
        assertThat(PromQl.check("x{a=~\"" + "(".repeat(500) + ")".repeat(500) + "\"}")).hasValueSatisfying(p ->
                assertThat(p.message()).contains("nested more than 100"));
        assertThat(PromQl.check("\"\\UFFFFFFFF\"")).hasValueSatisfying(p ->
                assertThat(p.message()).contains("code point"));
        StringBuilder chain = new StringBuilder("x");
        for (int i = 0; i < 10_000; i++) {
            chain.append(" + x");
        }
        assertThat(PromQl.check(chain.toString())).isEmpty();
    }
}
