package io.github.incident4j.metrics;

import io.github.incident4j.chaos.SteadyStateHypothesis;
import io.github.incident4j.common.Condition;
import io.github.incident4j.common.Problems;
import io.github.incident4j.common.Quantity;
import io.github.incident4j.format.FormatException;
import io.github.incident4j.format.Json;
import io.github.incident4j.runbook.AlertRule;
import io.github.incident4j.runbook.RecoveryCriterion;
import io.github.incident4j.runbook.Runbook;
import io.github.incident4j.spi.MetricsSource;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link MetricsSource} on Prometheus's HTTP API ({@code /api/v1/query} and {@code /api/v1/query_range}), over
 * {@code java.net.http}. Runbook recovery criteria and chaos steady-state hypotheses name metrics ({@code error rate},
 * {@code p99 latency}); this source maps each to PromQL with the same metric-to-query map
 * {@code format.PrometheusRules} exports alerting rules from (keys in any case and word order,
 * {@link Condition#canonicalMetric}; values in the condition's base unit: percent as 0 to 100, times in seconds).
 *
 * <pre>{@code
 * Map<String, String> promql = Map.of(
 *         "error rate", "100 * sum(rate(http_requests_total{service=\"${service}\",code=~\"5..\"}[${window}]))"
 *                 + " / sum(rate(http_requests_total{service=\"${service}\"}[${window}]))",
 *         "p99 latency", "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket"
 *                 + "{service=\"${service}\"}[${window}])))");
 * PrometheusMetricsSource prometheus = PrometheusMetricsSource.at(URI.create("http://prometheus:9090"))
 *         .queries(promql).unitsFrom(runbook)
 *         .timeout(Duration.ofSeconds(5)).bearerToken(token)
 *         .build();
 * RunbookRunner runner = RunbookRunner.builder()...metrics(prometheus).build();
 * }</pre>
 *
 * <p><b>Reading a metric.</b> {@link #read} runs the metric's PromQL as an instant query at the instant asked, with
 * {@code ${label}} placeholders replaced by the caller's labels ({@code service} for runbooks; the target's selector
 * and {@code namespace} for chaos), escaped for a PromQL string, and {@code ${window}} by the window as a PromQL
 * duration; {@code ${service|app}} takes the first of those labels the caller gave (runbooks give {@code service},
 * chaos experiments their selector such as {@code app}). A name with no mapping is run as PromQL itself (a Litmus {@code promProbe}'s query). The answer must be
 * one value: a scalar, or a vector of at most one series. No series, or {@code NaN} (such as 0/0 when there was no
 * traffic), is "no data" (empty); several series, a range vector, {@code ±Inf}, Prometheus's errors (its own
 * {@code errorType} and text), timeouts and unreachable servers throw {@link PrometheusException}, which the runners
 * record as a failed sample. The value carries the metric's unit, given per metric or taken from the conditions that
 * use it ({@code 500ms} thresholds read seconds, as PromQL yields).
 *
 * <p>{@link #instant} and {@link #range} run any PromQL and return every series with its samples, {@code NaN}
 * included, for reports. Answers are capped at {@link Builder#maxResponseChars} characters.
 */
public final class PrometheusMetricsSource implements MetricsSource {

    /** The default cap on an answer: 8 million characters. */
    public static final int DEFAULT_MAX_RESPONSE_CHARS = 8_000_000;

    private static final Logger LOG = LoggerFactory.getLogger(PrometheusMetricsSource.class);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*(?:\\|[A-Za-z_][A-Za-z0-9_]*)*)}");

    /**
     * One sample.
     *
     * @param at its timestamp
     * @param value its value ({@code NaN} and infinities as Prometheus gave them)
     */
    public record Sample(Instant at, double value) {
        /** Checks the timestamp. */
        public Sample {
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * One series of an answer: its labels and its samples (one for an instant query).
     *
     * @param labels the series' labels ({@code __name__} included when Prometheus kept it)
     * @param samples its samples in time order
     */
    public record Series(Map<String, String> labels, List<Sample> samples) {
        /** Copies the parts. */
        public Series {
            labels = Map.copyOf(labels);
            samples = List.copyOf(samples);
        }
    }

    private final URI base;
    private final Map<String, String> queries;
    private final Map<String, Quantity.Unit> units;
    private final Duration timeout;
    private final Map<String, String> headers;
    private final HttpClient client;
    private final int maxResponseChars;

    private PrometheusMetricsSource(Builder b) {
        String u = b.base.toString();
        this.base = URI.create(u.endsWith("/") ? u : u + "/");
        this.queries = Map.copyOf(b.queries);
        this.units = Map.copyOf(b.units);
        this.timeout = b.timeout;
        this.headers = Map.copyOf(b.headers);
        this.client = b.client != null ? b.client : HttpClient.newBuilder().connectTimeout(b.timeout).build();
        this.maxResponseChars = b.maxResponseChars;
    }

    /** Starts a source on the Prometheus at this base URL (e.g. {@code http://prometheus:9090}). */
    public static Builder at(URI baseUrl) {
        return new Builder(baseUrl);
    }

    @Override
    public Optional<Quantity> read(String metric, Map<String, String> labels, Instant at, Duration window) {
        String key = Condition.canonicalMetric(metric);
        String promql = promql(metric, labels, window);
        Quantity.Unit unit = units.getOrDefault(key, Quantity.Unit.COUNT);
        Answer answer = query("query", form(promql, Map.of("time", time(at))), promql);
        double value;
        if (answer.type.equals("scalar")) {
            value = answer.series.get(0).samples().get(0).value();
        } else if (answer.type.equals("vector")) {
            if (answer.series.isEmpty()) {
                LOG.debug("'{}' has no series at {}: {}", metric, at, promql);
                return Optional.empty();
            }
            if (answer.series.size() > 1) {
                throw new PrometheusException("query for '" + metric + "' returned " + answer.series.size()
                        + " series at " + at + " (" + answer.series.get(0).labels() + ", " + answer.series.get(1).labels()
                        + ", ...); aggregate it (sum, max, avg) so it returns one: " + promql, 200, null, null);
            }
            value = answer.series.get(0).samples().get(0).value();
        } else {
            throw new PrometheusException("query for '" + metric + "' returned a " + answer.type + ", not one value; "
                    + "wrap a range selector in an aggregation such as avg_over_time(..[${window}]): " + promql, 200,
                    null, null);
        }
        if (Double.isNaN(value)) {
            LOG.debug("'{}' is NaN at {} (no data): {}", metric, at, promql);
            return Optional.empty();
        }
        if (Double.isInfinite(value)) {
            throw new PrometheusException("query for '" + metric + "' gave " + (value > 0 ? "+Inf" : "-Inf") + " at " + at
                    + " (a division by zero?): " + promql, 200, null, null);
        }
        return Optional.of(Quantity.of(value, unit));
    }

    /**
     * The PromQL {@link #read} runs for a metric: its mapped query (or the name itself) with the placeholders filled.
     *
     * @throws PrometheusException when the query names a label the caller did not give
     */
    public String promql(String metric, Map<String, String> labels, Duration window) {
        String query = queries.getOrDefault(Condition.canonicalMetric(metric), metric);
        Matcher m = PLACEHOLDER.matcher(query);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String label = java.util.Arrays.stream(name.split("\\|")).filter(labels::containsKey).findFirst().orElse(null);
            String value;
            if (name.equals("window")) {
                value = duration(window);
            } else if (label != null) {
                value = labels.get(label).replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
            } else {
                throw new PrometheusException("the query for '" + metric + "' uses ${" + name + "}, but no label '" + name
                        + "' was given (given: " + new TreeSet<>(labels.keySet()) + ", and ${window}): " + query, null,
                        null, null);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Runs an instant query.
     *
     * @return every series of the answer (a scalar as one series without labels)
     * @throws PrometheusException as {@link #read}, except that no series and NaN are returned as they are
     */
    public List<Series> instant(String promql, Instant at) {
        return query("query", form(promql, Map.of("time", time(at))), promql).series;
    }

    /**
     * Runs a range query from {@code start} to {@code end} every {@code step}.
     *
     * @return every series with its samples
     * @throws PrometheusException for Prometheus's errors (e.g. too many points), timeouts and unreachable servers
     */
    public List<Series> range(String promql, Instant start, Instant end, Duration step) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("start", time(start));
        params.put("end", time(end));
        params.put("step", duration(step));
        return query("query_range", form(promql, params), promql).series;
    }

    private record Answer(String type, List<Series> series) {
    }

    private Answer query(String endpoint, String form, String promql) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("api/v1/" + endpoint))
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new PrometheusException("Prometheus did not answer within " + timeout.toMillis() + "ms: " + promql,
                    null, "timeout", e);
        } catch (IOException e) {
            throw new PrometheusException("Prometheus at " + base + " could not be reached (" + e + "): " + promql, null,
                    null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PrometheusException("interrupted while querying Prometheus: " + promql, null, null, e);
        }
        int status = response.statusCode();
        String body = response.body();
        if (body.length() > maxResponseChars) {
            throw new PrometheusException("Prometheus answered " + body.length() + " characters, over the limit of "
                    + maxResponseChars + ": " + promql, status, null, null);
        }
        Json.Obj root;
        try {
            root = Json.parse(body, maxResponseChars).object().orElseThrow(() -> new FormatException("not an object", 1, 1));
        } catch (FormatException e) {
            throw new PrometheusException("Prometheus answered " + status + " with a body that is not its JSON ("
                    + abbreviate(body) + "): " + promql, status, null, e);
        }
        String outcome = root.get("status").flatMap(Json.Value::string).orElse("");
        if (!outcome.equals("success") || status / 100 != 2) {
            String type = root.get("errorType").flatMap(Json.Value::string).orElse(null);
            String error = root.get("error").flatMap(Json.Value::string).orElse(abbreviate(body));
            throw new PrometheusException("Prometheus refused the query (" + status + (type == null ? "" : " " + type)
                    + "): " + error + " — query: " + promql, status, type, null);
        }
        root.get("warnings").ifPresent(w -> LOG.warn("Prometheus warns about '{}': {}", promql, w));
        try {
            return answer(root.get("data").flatMap(Json.Value::object).orElseThrow(() -> bad("no 'data' object")));
        } catch (BadAnswer e) {
            throw new PrometheusException("Prometheus's answer could not be read (" + e.getMessage() + "): " + promql,
                    status, null, null);
        }
    }

    private static Answer answer(Json.Obj data) {
        String type = data.get("resultType").flatMap(Json.Value::string).orElseThrow(() -> bad("no resultType"));
        Json.Value result = data.get("result").orElseThrow(() -> bad("no result"));
        List<Series> series = new ArrayList<>();
        switch (type) {
            case "scalar", "string" -> series.add(new Series(Map.of(), List.of(sample(result))));
            case "vector", "matrix" -> {
                if (!(result instanceof Json.Arr arr)) {
                    throw bad("result is not an array");
                }
                for (Json.Value item : arr.items()) {
                    Json.Obj o = item.object().orElseThrow(() -> bad("a series is not an object"));
                    Map<String, String> labels = new LinkedHashMap<>();
                    o.get("metric").flatMap(Json.Value::object).ifPresent(m -> m.members().values()
                            .forEach(x -> labels.put(x.name(), x.value().string().orElse(""))));
                    List<Sample> samples = new ArrayList<>();
                    if (type.equals("vector")) {
                        samples.add(sample(o.get("value").orElseThrow(() -> bad("a vector sample has no value"))));
                    } else if (o.get("values").orElse(null) instanceof Json.Arr values) {
                        for (Json.Value v : values.items()) {
                            samples.add(sample(v));
                        }
                    }
                    series.add(new Series(labels, samples));
                }
            }
            default -> throw bad("unknown resultType '" + type + "'");
        }
        return new Answer(type, series);
    }

    private static Sample sample(Json.Value v) {
        if (!(v instanceof Json.Arr pair) || pair.items().size() != 2 || !(pair.items().get(0) instanceof Json.Num t)) {
            throw bad("a sample is not [time, \"value\"]");
        }
        String text = pair.items().get(1).string().orElseThrow(() -> bad("a sample's value is not a string"));
        double value = switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    yield Double.NaN; // a string result's text: no number
                }
            }
        };
        BigDecimal seconds = t.value();
        long whole = seconds.longValue();
        long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
        return new Sample(Instant.ofEpochSecond(whole, nanos), value);
    }

    private static BadAnswer bad(String why) {
        return new BadAnswer(why);
    }

    /** Prometheus's answer has not the documented shape. */
    private static final class BadAnswer extends io.github.incident4j.Incident4jException {
        private static final long serialVersionUID = 1L;

        BadAnswer(String message) {
            super(message);
        }
    }

    private String form(String promql, Map<String, String> params) {
        StringBuilder b = new StringBuilder("query=").append(URLEncoder.encode(promql, StandardCharsets.UTF_8));
        params.forEach((k, v) -> b.append('&').append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        b.append("&timeout=").append(URLEncoder.encode(duration(timeout), StandardCharsets.UTF_8));
        return b.toString();
    }

    /** An instant as Prometheus reads it: Unix seconds with milliseconds. */
    private static String time(Instant at) {
        return BigDecimal.valueOf(at.getEpochSecond()).add(BigDecimal.valueOf(at.getNano(), 9))
                .setScale(3, java.math.RoundingMode.FLOOR).toPlainString();
    }

    /** A duration as PromQL writes it: whole seconds as {@code 90s}, else milliseconds as {@code 1500ms}. */
    static String duration(Duration d) {
        long ms = Math.max(1, d.toMillis());
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }

    private static String abbreviate(String s) {
        String t = s.strip().replaceAll("\\s+", " ");
        return t.length() <= 200 ? t : t.substring(0, 200) + "…";
    }

    /** Fluent builder; {@link #build()} reports every problem at once. */
    public static final class Builder {
        private final URI base;
        private final Map<String, String> queries = new LinkedHashMap<>();
        private final Map<String, Quantity.Unit> units = new LinkedHashMap<>();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final Problems problems = new Problems();
        private Duration timeout = Duration.ofSeconds(10);
        private @Nullable HttpClient client;
        private int maxResponseChars = DEFAULT_MAX_RESPONSE_CHARS;

        private Builder(URI base) {
            this.base = Objects.requireNonNull(base, "baseUrl");
        }

        /** The metric-to-PromQL map ({@code PrometheusRules}'): metric name in any form, PromQL in base units. */
        public Builder queries(Map<String, String> promqlByMetric) {
            promqlByMetric.forEach((metric, q) -> {
                problems.check(q != null && !q.isBlank(), "queries." + metric, q, "must not be blank");
                queries.put(Condition.canonicalMetric(metric), q == null ? "" : q.strip());
            });
            return this;
        }

        /** One metric's PromQL and the unit it yields. */
        public Builder query(String metric, String promql, Quantity.Unit unit) {
            queries(Map.of(metric, promql));
            return unit(metric, unit);
        }

        /** The unit a metric's PromQL yields ({@code PERCENT} for 0 to 100, {@code SECONDS}, {@code COUNT}). */
        public Builder unit(String metric, Quantity.Unit unit) {
            Objects.requireNonNull(unit, "unit");
            units.put(Condition.canonicalMetric(metric), unit == Quantity.Unit.MILLISECONDS ? Quantity.Unit.SECONDS : unit);
            return this;
        }

        /**
         * Takes each metric's unit from the conditions on it (their thresholds' units; milliseconds become seconds, as
         * PromQL yields). A unit given with {@link #unit} wins.
         */
        public Builder unitsFrom(Collection<Condition> conditions) {
            for (Condition c : conditions) {
                units.putIfAbsent(c.metricKey(), c.threshold().unit() == Quantity.Unit.MILLISECONDS
                        ? Quantity.Unit.SECONDS : c.threshold().unit());
            }
            return this;
        }

        /** The units of a runbook's detection and recovery conditions. */
        public Builder unitsFrom(Runbook runbook) {
            List<Condition> conditions = new ArrayList<>();
            runbook.alerts().stream().map(AlertRule::condition).flatMap(Optional::stream).forEach(conditions::add);
            runbook.recovery().stream().map(RecoveryCriterion::condition).flatMap(Optional::stream).forEach(conditions::add);
            return unitsFrom(conditions);
        }

        /** The units of a steady-state hypothesis's metric tolerances. */
        public Builder unitsFrom(SteadyStateHypothesis hypothesis) {
            return unitsFrom(hypothesis.metrics().stream().map(m -> m.condition()).toList());
        }

        /** How long a query may take, sent to Prometheus as its {@code timeout} too (default 10 s). */
        public Builder timeout(Duration value) {
            this.timeout = Objects.requireNonNull(value, "timeout");
            return this;
        }

        /** A header sent with every query (e.g. a tenant header of a multi-tenant Prometheus). */
        public Builder header(String name, String value) {
            headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** {@code Authorization: Bearer <token>}. */
        public Builder bearerToken(String token) {
            return header("Authorization", "Bearer " + Objects.requireNonNull(token, "token"));
        }

        /** HTTP basic authentication. */
        public Builder basicAuth(String user, String password) {
            return header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }

        /** The host's HTTP client; default a new one with the timeout as connect timeout. */
        public Builder client(HttpClient value) {
            this.client = Objects.requireNonNull(value, "client");
            return this;
        }

        /** The largest answer read, in characters (default {@value #DEFAULT_MAX_RESPONSE_CHARS}). */
        public Builder maxResponseChars(int value) {
            this.maxResponseChars = value;
            return this;
        }

        /**
         * Builds the source: every mapped metric needs a unit.
         *
         * @throws io.github.incident4j.ValidationException listing every problem
         */
        public PrometheusMetricsSource build() {
            Problems p = new Problems();
            problems.list().forEach(x -> p.add(x.field(), x.value(), x.message()));
            p.check(base.getScheme() != null && (base.getScheme().equals("http") || base.getScheme().equals("https"))
                    && base.getHost() != null, "baseUrl", base, "must be an http or https URL with a host");
            p.check(!timeout.isNegative() && !timeout.isZero(), "timeout", timeout, "must be positive");
            p.check(maxResponseChars > 0, "maxResponseChars", maxResponseChars, "must be positive");
            for (String metric : queries.keySet()) {
                p.check(units.containsKey(metric), "units." + metric, null, "no unit for '" + metric + "': give "
                        + "unit(..) or unitsFrom(the runbook or conditions that use it)");
            }
            headers.forEach((name, value) -> p.check(!name.isBlank() && value.indexOf('\n') < 0 && value.indexOf('\r') < 0,
                    "headers." + name, name, "must be a header name with a one-line value"));
            p.throwIfAny("Prometheus metrics source");
            return new PrometheusMetricsSource(this);
        }
    }
}
