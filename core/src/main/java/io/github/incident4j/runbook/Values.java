package io.github.incident4j.runbook;

import io.github.incident4j.ValidationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The grammars command values must follow; each check throws a {@link ValidationException} naming what it checked. */
final class Values {

    static final int MAX_REPLICAS = 10_000;
    static final int MAX_VALUE_LENGTH = 2048;
    static final int MAX_QUERY_LENGTH = 10_000;
    static final int MAX_TAIL = 100_000;

    private static final Pattern FIELD_TERM = Pattern.compile("[A-Za-z0-9._]+(?:==?|!=)[A-Za-z0-9._:/-]*");
    private static final Pattern SORT_BY = Pattern.compile("\\{?\\.[A-Za-z0-9_.\\[\\]*]+}?");

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern LABEL_NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
    private static final Pattern HOST_LABEL = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._/:=,@%+-]+");

    private Values() {
    }

    /**
     * Why a bound variable value is unsafe anywhere in a command, or null when it is not: shell
     * metacharacters, command substitution, quotes, whitespace, newlines, selector separators, a leading
     * dash (it would become a flag) or excessive length.
     */
    static @org.jspecify.annotations.Nullable String unsafe(String value) {
        if (value.length() > MAX_VALUE_LENGTH) {
            return "is longer than " + MAX_VALUE_LENGTH + " characters";
        }
        if (value.isEmpty()) {
            return "is empty";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String what = switch (c) {
                case ';' -> "a ';'";
                case '`' -> "a backtick";
                case '$' -> "a '$' (command substitution or variable)";
                case '\n', '\r' -> "a newline";
                case ' ', '\t' -> "whitespace";
                case ',' -> "a ',' (an extra selector term)";
                case '|', '&', '<', '>', '(', ')', '{', '}' -> "a shell operator '" + c + "'";
                case '\'', '"', '\\' -> "a quote or backslash";
                case '*', '!', '#', '~' -> "a shell special character '" + c + "'";
                default -> Character.isISOControl(c) ? "a control character" : null;
            };
            if (what != null) {
                return "contains " + what;
            }
        }
        if (value.startsWith("-")) {
            return "starts with '-' (it would be read as an option)";
        }
        return null;
    }

    /** Whether the text is an RFC 1123 DNS label: a Kubernetes namespace. */
    static boolean isDnsLabel(String text) {
        return text.length() <= 63 && DNS_LABEL.matcher(text).matches();
    }

    static void checkNamespace(String namespace) {
        if (!isDnsLabel(namespace)) {
            throw ValidationException.of("namespace", namespace,
                    "must be an RFC 1123 DNS label (lower-case letters, digits, '-', at most 63 characters)");
        }
    }

    static void checkName(String field, String name) {
        if (name.length() > 253 || !java.util.Arrays.stream(name.split("\\.", -1)).allMatch(l -> l.length() <= 63 && DNS_LABEL.matcher(l).matches())) {
            throw ValidationException.of(field, name,
                    "must be an RFC 1123 DNS subdomain (lower-case letters, digits, '-', '.', at most 253 characters)");
        }
    }

    static void checkLabelKey(String key) {
        int slash = key.indexOf('/');
        String name = slash < 0 ? key : key.substring(slash + 1);
        boolean ok = name.length() <= 63 && LABEL_NAME.matcher(name).matches();
        if (ok && slash >= 0) {
            String prefix = key.substring(0, slash);
            try {
                checkName("label prefix", prefix);
            } catch (ValidationException e) {
                ok = false;
            }
        }
        if (!ok) {
            throw ValidationException.of("label key", key, "must be [prefix/]name with a name of at most 63 alphanumerics, '-', '_', '.'");
        }
    }

    static void checkLabelValue(String value) {
        if (value.length() > 63 || !(value.isEmpty() || LABEL_NAME.matcher(value).matches())) {
            throw ValidationException.of("label value", value,
                    "must be at most 63 characters, alphanumerics, '-', '_', '.', beginning and ending with an alphanumeric");
        }
    }

    static Map<String, String> checkSelector(Map<String, String> selector) {
        Map<String, String> copy = new LinkedHashMap<>();
        selector.forEach((k, v) -> {
            checkLabelKey(k);
            checkLabelValue(v);
            copy.put(k, v);
        });
        return Collections.unmodifiableMap(copy);
    }

    static void checkHost(String host) {
        boolean ok;
        if (host.startsWith("[") && host.endsWith("]")) {
            ok = IPV6.matcher(host.substring(1, host.length() - 1)).matches() && host.contains(":");
        } else if (IPV4.matcher(host).matches()) {
            ok = true;
        } else {
            ok = host.length() <= 253 && !host.isEmpty()
                    && java.util.Arrays.stream(host.split("\\.", -1)).allMatch(l -> l.length() <= 63 && HOST_LABEL.matcher(l).matches())
                    && !host.chars().allMatch(c -> Character.isDigit(c) || c == '.');
        }
        if (!ok) {
            throw ValidationException.of("host", host, "must be an RFC 1123 host name or an IP address");
        }
    }

    static void checkPort(int port) {
        if (port < 1 || port > 65535) {
            throw ValidationException.of("port", port, "must be between 1 and 65535");
        }
    }

    static URI checkUrl(String url) {
        if (url.length() > MAX_VALUE_LENGTH) {
            throw ValidationException.of("url", url.substring(0, 64) + "...", "is longer than " + MAX_VALUE_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw ValidationException.of("url", url, "is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw ValidationException.of("url", url, "must be an http or https URL");
        }
        if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            throw ValidationException.of("url", url, "must not carry user information");
        }
        if (uri.getHost() == null) {
            throw ValidationException.of("url", url, "must name a host");
        }
        checkHost(uri.getHost());
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String decoded = path.replaceAll("(?i)%2e", ".").replaceAll("(?i)%2f", "/").replaceAll("(?i)%5c", "/");
        for (String segment : decoded.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                throw ValidationException.of("url", url, "must not contain path traversal ('..' or '.' segments)");
            }
        }
        return uri;
    }

    static void checkGrepPattern(String pattern) {
        if (pattern.isEmpty() || pattern.length() > 256 || pattern.chars().anyMatch(Character::isISOControl)) {
            throw ValidationException.of("grep pattern", pattern, "must be 1 to 256 characters without control characters");
        }
    }

    static String renderSelector(Map<String, String> selector) {
        if (selector.isEmpty()) {
            return "";
        }
        return " -l " + selector.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    /** Quotes a value for display when it is not plain. */
    static String quote(String value) {
        if (PLAIN.matcher(value).matches()) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }

    static void checkKind(String kind) {
        if (Kinds.canonical(kind).filter(kind::equals).isEmpty()) {
            throw ValidationException.of("kind", kind, "must be a resource kind's plural name (lower-case letters, digits, '-', '.')");
        }
    }

    static void checkWorkload(String kind) {
        if (!Set.of("deployment", "daemonset", "statefulset").contains(kind)) {
            throw ValidationException.of("kind", kind, "must be deployment, daemonset or statefulset");
        }
    }

    static void checkFieldSelector(String selector) {
        for (String term : selector.split(",", -1)) {
            if (!FIELD_TERM.matcher(term).matches()) {
                throw ValidationException.of("field selector", selector, "must be terms key=value, key==value or key!=value joined by ','");
            }
        }
    }

    static void checkSortBy(String path) {
        if (path.length() > 200 || !SORT_BY.matcher(path).matches()) {
            throw ValidationException.of("sort-by", path, "must be a JSONPath field such as .lastTimestamp");
        }
    }

    static void checkTail(java.util.OptionalInt tail) {
        if (tail.isPresent() && (tail.getAsInt() < 0 || tail.getAsInt() > MAX_TAIL)) {
            throw ValidationException.of("tail", tail.getAsInt(), "must be between 0 and " + MAX_TAIL);
        }
    }

    static void checkPodOrWorkload(String target) {
        int slash = target.indexOf('/');
        if (slash < 0) {
            checkName("pod", target);
            return;
        }
        String kind = target.substring(0, slash);
        if (Kinds.canonical(kind).filter(k -> Set.of("pods", "deployments", "daemonsets", "statefulsets", "jobs",
                "replicasets").contains(k)).isEmpty()) {
            throw ValidationException.of("pod", target, "must be a pod or pod, deployment, daemonset, statefulset, job or replicaset/NAME");
        }
        checkName(kind, target.substring(slash + 1));
    }
}
