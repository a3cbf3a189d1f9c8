package io.github.incident4j.runbook;

import io.github.incident4j.ValidationException;
import io.github.incident4j.common.Durations;
import io.github.incident4j.common.Problems;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads command lines into {@link Command}s. Tokenizes itself (single and double quotes, backslash
 * escapes, {@code |} as a separator), binds variables token by token, and checks every value in its
 * place. A line it does not fully understand becomes {@link Command.Manual}: better shown to a person
 * than half-executed.
 */
final class CommandParser {

    /** A token: its value after binding, and the template text it came from. */
    private record Tok(String value, String raw, boolean quoted) {
        boolean is(String literal) {
            return !quoted && value.equals(literal) && raw.equals(literal);
        }

        boolean isFlag() {
            return !quoted && raw.startsWith("-") && value.startsWith("-");
        }
    }

    /** Signals a line the parser does not understand: it becomes {@link Command.Manual}. */
    private static final class NotUnderstood extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotUnderstood() {
            super(null, null, false, false);
        }
    }

    private static final Set<String> VALUE_FLAGS = Set.of("-n", "--namespace", "-l", "--selector", "--since",
            "--to-revision", "--replicas", "--timeout", "--grace-period", "-c", "--container", "--tail", "-o", "--output",
            "--field-selector", "--sort-by", "--context", "--kubeconfig", "--server", "--token", "--user", "--cluster",
            "--as", "--request-timeout", "--revision", "--current-replicas");

    private CommandParser() {
    }

    static Command bind(String template, Bindings bindings, String defaultNamespace) {
        Problems unbound = new Problems();
        Problems unsafe = new Problems();
        List<Tok> tokens = tokens(template, bindings, unbound, unsafe);
        unsafe.throwIfAny("command '" + template + "'");
        Command command;
        try {
            if (template.indexOf('\n') >= 0 || template.indexOf('\r') >= 0) {
                // a heredoc or a compound command: for a person, never run
                throw new NotUnderstood();
            }
            command = parse(tokens, defaultNamespace);
        } catch (NotUnderstood e) {
            // shown to the operator: variables without a value stay as written
            return new Command.Manual(bindings.expandKnown(template));
        } catch (ValidationException e) {
            unbound.throwIfAny("command '" + template + "'");
            throw blame(template, tokens, e);
        }
        if (command instanceof Command.Manual m) {
            return new Command.Manual(bindings.expandKnown(template), m.reason());
        }
        unbound.throwIfAny("command '" + template + "'");
        return command;
    }

    /** The namespace a template names with -n/--namespace, when it is literal. */
    static Optional<String> explicitNamespace(String template) {
        List<String> words;
        try {
            words = split(template).stream().map(w -> w.text).toList();
        } catch (NotUnderstood e) {
            return Optional.empty();
        }
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if ((w.equals("-n") || w.equals("--namespace")) && i + 1 < words.size()) {
                return literal(words.get(i + 1));
            }
            if (w.startsWith("--namespace=")) {
                return literal(w.substring("--namespace=".length()));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> literal(String word) {
        return Bindings.variablesIn(word).isEmpty() ? Optional.of(word) : Optional.empty();
    }

    // ---- binding ---------------------------------------------------------------------------------

    /**
     * The words of a template with variables bound. An unbound variable is recorded in {@code unbound} and its word keeps
     * the text as written; a bound value that is unsafe anywhere in a command is recorded in {@code unsafe}.
     */
    private static List<Tok> tokens(String template, Bindings bindings, Problems unbound, Problems unsafe) {
        List<Word> words;
        try {
            words = split(template);
        } catch (NotUnderstood e) {
            // not understood (an unterminated quote, a substitution), so manual; its variables are still checked
            words = List.of(new Word(template, true));
        }
        List<Tok> tokens = new ArrayList<>();
        for (Word w : words) {
            for (String name : Bindings.variablesIn(w.text)) {
                Optional<String> value = bindings.get(name);
                if (value.isEmpty()) {
                    unbound.add("${" + name + "}", null, "has no value (command '" + template + "')");
                } else {
                    String why = Values.unsafe(value.get());
                    if (why != null) {
                        unsafe.add("${" + name + "}", shorten(value.get()), why + " (command '" + template + "')");
                    }
                }
            }
            tokens.add(new Tok(bindings.expandKnown(w.text), w.text, w.quoted));
        }
        return tokens;
    }

    /** Rewrites a grammar failure so it names the variables that put the bad value there. */
    private static ValidationException blame(String template, List<Tok> tokens, ValidationException e) {
        Problems problems = new Problems();
        for (ValidationException.Problem p : e.problems()) {
            boolean blamed = false;
            for (Tok t : tokens) {
                if (p.value() != null && t.value.contains(p.value()) && !t.raw.equals(t.value)) {
                    for (String name : Bindings.variablesIn(t.raw)) {
                        problems.add("${" + name + "}", p.value(), "is not valid as " + p.field() + ": " + p.message());
                        blamed = true;
                    }
                }
            }
            if (!blamed) {
                problems.add(p.field(), p.value(), p.message());
            }
        }
        return new ValidationException("command '" + template + "'", problems.list());
    }

    private static String shorten(String value) {
        return value.length() > 80 ? value.substring(0, 80) + "...(" + value.length() + " characters)" : value;
    }

    // ---- tokenizing ------------------------------------------------------------------------------

    private record Word(String text, boolean quoted) {
    }

    private static List<Word> split(String line) {
        List<Word> words = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inWord = false;
        boolean quoted = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new NotUnderstood();
                }
                current.append(line, i + 1, end);
                inWord = true;
                quoted = true;
                i = end + 1;
            } else if (c == '"') {
                i++;
                while (i < line.length() && line.charAt(i) != '"') {
                    if (line.charAt(i) == '`' || line.charAt(i) == '$' && i + 1 < line.length() && line.charAt(i + 1) == '(') {
                        throw new NotUnderstood();
                    }
                    if (line.charAt(i) == '\\' && i + 1 < line.length()) {
                        i++;
                    }
                    current.append(line.charAt(i));
                    i++;
                }
                if (i >= line.length()) {
                    throw new NotUnderstood();
                }
                inWord = true;
                quoted = true;
                i++;
            } else if (c == '\\' && i + 1 < line.length()) {
                current.append(line.charAt(i + 1));
                inWord = true;
                quoted = true;
                i += 2;
            } else if (c == ' ' || c == '\t') {
                // words are split as a shell splits them (IFS: space, tab; a command is one line), not at every
                // Java whitespace: U+0085, U+2028, U+2029 stay inside their word, as in the runbook's text (B7)
                if (inWord) {
                    words.add(new Word(current.toString(), quoted));
                    current.setLength(0);
                    inWord = false;
                    quoted = false;
                }
                i++;
            } else if (c == '`' || c == '$' && i + 1 < line.length() && line.charAt(i + 1) == '(') {
                throw new NotUnderstood();
            } else if (c == '#' && !inWord) {
                // a comment runs to the end of the line
                break;
            } else if (c == '|' || c == ';' || c == '&' || c == '<' || c == '>') {
                if (inWord) {
                    words.add(new Word(current.toString(), quoted));
                    current.setLength(0);
                    inWord = false;
                    quoted = false;
                }
                words.add(new Word(String.valueOf(c), false));
                i++;
            } else {
                current.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(new Word(current.toString(), quoted));
        }
        return words;
    }

    // ---- parsing ---------------------------------------------------------------------------------

    private static Command parse(List<Tok> all, String defaultNamespace) {
        if (all.isEmpty()) {
            throw new NotUnderstood();
        }
        int pipe = -1;
        for (int i = 0; i < all.size(); i++) {
            Tok t = all.get(i);
            if (!t.quoted && Set.of("|", ";", "&", "<", ">").contains(t.value)) {
                if (!t.value.equals("|") || pipe >= 0) {
                    throw new NotUnderstood();
                }
                pipe = i;
            }
        }
        List<Tok> tokens = pipe < 0 ? all : all.subList(0, pipe);
        Optional<String> grep = pipe < 0 ? Optional.empty() : Optional.of(grepPattern(all.subList(pipe + 1, all.size())));
        Tok program = tokens.get(0);
        if (program.is("kubectl") || program.is("oc")) {
            return kubectl(tokens.subList(1, tokens.size()), grep, defaultNamespace, line(all));
        }
        if (grep.isPresent()) {
            throw new NotUnderstood();
        }
        if (program.is("pg_isready")) {
            return postgres(tokens.subList(1, tokens.size()));
        }
        if (program.is("redis-cli")) {
            return redis(tokens.subList(1, tokens.size()));
        }
        if (program.is("curl")) {
            return curl(tokens.subList(1, tokens.size()));
        }
        throw new NotUnderstood();
    }

    /** The command line the tokens were read from, values bound, for a manual command that has a reason. */
    private static String line(List<Tok> tokens) {
        StringBuilder b = new StringBuilder();
        for (Tok t : tokens) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(t.quoted ? Values.quote(t.value) : t.value);
        }
        return b.toString();
    }

    /** {@code grep PATTERN} or {@code grep -e PATTERN}. */
    private static String grepPattern(List<Tok> tokens) {
        if (tokens.size() == 2 && tokens.get(0).is("grep") && !tokens.get(1).isFlag()) {
            return tokens.get(1).value;
        }
        if (tokens.size() == 3 && tokens.get(0).is("grep") && tokens.get(1).is("-e")) {
            return tokens.get(2).value;
        }
        throw new NotUnderstood();
    }

    /** Flags with their values and the positional arguments of a kubectl command. */
    private record Args(Map<String, String> flags, List<String> positional) {
        @Nullable String flag(String... names) {
            for (String n : names) {
                if (flags.containsKey(n)) {
                    return flags.get(n);
                }
            }
            return null;
        }

        boolean has(String... names) {
            return flag(names) != null;
        }
    }

    /** Reads flags anywhere in the line, as kubectl does: {@code -n x}, {@code --namespace=x}, {@code -owide}. */
    private static Args args(List<Tok> tokens) {
        Map<String, String> flags = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Tok t = tokens.get(i);
            if (t.isFlag()) {
                String name = t.value;
                String value;
                int eq = name.indexOf('=');
                if (eq > 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                } else if (name.startsWith("-o") && !name.startsWith("--") && name.length() > 2) {
                    value = name.substring(2);
                    name = "-o";
                } else if (VALUE_FLAGS.contains(name)) {
                    if (i + 1 >= tokens.size() || tokens.get(i + 1).isFlag()) {
                        throw new NotUnderstood();
                    }
                    value = tokens.get(++i).value;
                } else {
                    value = "";
                }
                if (VALUE_FLAGS.contains(name) && value.isEmpty() && !name.equals("-l") && !name.equals("--selector")
                        || flags.containsKey(name)) {
                    throw new NotUnderstood();
                }
                flags.put(name, value);
            } else {
                positional.add(t.value);
            }
        }
        return new Args(flags, positional);
    }

    private static Command kubectl(List<Tok> tokens, Optional<String> grep, String defaultNamespace, String line) {
        Args a = args(tokens);
        List<String> p = new ArrayList<>(a.positional);
        if (p.size() >= 2 && p.get(0).equals("adm") && Set.of("top", "cordon", "uncordon", "drain").contains(p.get(1))) {
            p.remove(0); // oc adm top|cordon|uncordon|drain: kubectl's verbs under OpenShift's admin group
        }
        String verb = p.isEmpty() ? "" : p.get(0);
        if (grep.isPresent() && !verb.equals("logs")) {
            throw new NotUnderstood();
        }
        if (a.has("-w", "--watch", "--watch-only")) {
            return new Command.Manual(line, "watches without end (-w): run it by hand");
        }
        String ns = a.flag("-n", "--namespace");
        String namespace = ns == null ? defaultNamespace : ns;
        boolean all = a.has("-A", "--all-namespaces");
        Set<String> allowed;
        Command command;
        switch (verb) {
            case "get" -> {
                allowed = Set.of("-n", "--namespace", "-A", "--all-namespaces", "-l", "--selector", "--field-selector",
                        "--sort-by", "-o", "--output", "--show-labels", "--no-headers", "--ignore-not-found");
                Target t = target(p, 1);
                Command.Output output = output(a.flag("-o", "--output"));
                Map<String, String> selector = selector(a.flag("-l", "--selector"));
                String field = a.flag("--field-selector");
                String sortBy = a.flag("--sort-by");
                if (t.kind.equals("pods") && t.name == null && !all && field == null && sortBy == null
                        && (output == Command.Output.DEFAULT || output == Command.Output.WIDE)) {
                    command = new Command.ListPods(namespace, selector);
                } else {
                    command = new Command.Get(t.kind, scope(t.kind, namespace, all), Optional.ofNullable(t.name), selector,
                            Optional.ofNullable(field), Optional.ofNullable(sortBy), output);
                }
            }
            case "describe" -> {
                allowed = Set.of("-n", "--namespace", "-A", "--all-namespaces", "-l", "--selector", "--show-events");
                Target t = target(p, 1);
                command = new Command.Describe(t.kind, scope(t.kind, namespace, all), Optional.ofNullable(t.name),
                        selector(a.flag("-l", "--selector")));
            }
            case "logs" -> {
                if (a.has("-f", "--follow")) {
                    return new Command.Manual(line, "follows the log without end (-f): run it by hand");
                }
                allowed = Set.of("-n", "--namespace", "-l", "--selector", "-c", "--container", "-p", "--previous", "--tail",
                        "--since", "--timestamps", "--all-containers", "--prefix");
                String sel = a.flag("-l", "--selector");
                String since = a.flag("--since");
                Optional<Duration> sinceD = since == null ? Optional.empty() : Optional.of(duration("since", since));
                Optional<String> container = Optional.ofNullable(a.flag("-c", "--container"));
                boolean previous = a.has("-p", "--previous");
                String tailText = a.flag("--tail");
                OptionalInt tail = tailText == null || tailText.equals("-1") ? OptionalInt.empty()
                        : OptionalInt.of((int) Math.min(number("tail", tailText), Integer.MAX_VALUE));
                if (sel != null) {
                    requireArity(p, 1);
                    command = new Command.Logs(namespace, selector(sel), sinceD, grep, container, previous, tail);
                } else {
                    if (p.size() == 3 && container.isEmpty()) {
                        container = Optional.of(p.get(2)); // kubectl logs POD CONTAINER
                    } else {
                        requireArity(p, 2);
                    }
                    command = new Command.PodLogs(namespace, p.get(1), container, previous, tail, sinceD, grep);
                }
            }
            case "top" -> {
                allowed = Set.of("-n", "--namespace", "-A", "--all-namespaces", "-l", "--selector", "--containers", "--sort-by",
                        "--no-headers", "--use-protocol-buffers");
                if (p.size() < 2 || p.size() > 3) {
                    throw new NotUnderstood();
                }
                String what = Kinds.canonical(p.get(1)).orElse("");
                if (!what.equals("pods") && !what.equals("nodes")) {
                    throw new NotUnderstood();
                }
                String sort = a.flag("--sort-by");
                if (sort != null && !sort.equals("cpu") && !sort.equals("memory")) {
                    throw new NotUnderstood();
                }
                boolean nodes = what.equals("nodes");
                command = new Command.Top(nodes, nodes || all ? Optional.empty() : Optional.of(namespace),
                        Optional.ofNullable(p.size() == 3 ? p.get(2) : null), selector(a.flag("-l", "--selector")), a.has("--containers"));
            }
            case "rollout" -> {
                if (p.size() < 3) {
                    throw new NotUnderstood();
                }
                Workload w = workload(p.subList(2, p.size()));
                switch (p.get(1)) {
                    case "history" -> {
                        allowed = Set.of("-n", "--namespace");
                        command = new Command.RolloutHistory(namespace, w.name, w.kind);
                    }
                    case "undo" -> {
                        allowed = Set.of("-n", "--namespace", "--to-revision");
                        if (!w.kind.equals("deployment")) {
                            throw new NotUnderstood();
                        }
                        String rev = a.flag("--to-revision");
                        command = new Command.RolloutUndo(namespace, w.name,
                                rev == null ? OptionalLong.empty() : OptionalLong.of(number("to-revision", rev)));
                    }
                    case "status" -> {
                        allowed = Set.of("-n", "--namespace", "--timeout", "-w", "--watch");
                        String timeout = a.flag("--timeout");
                        command = new Command.RolloutStatus(namespace, w.name,
                                timeout == null ? Optional.empty() : Optional.of(duration("timeout", timeout)), w.kind);
                    }
                    case "restart" -> {
                        allowed = Set.of("-n", "--namespace");
                        command = new Command.RolloutRestart(namespace, w.name, w.kind);
                    }
                    default -> throw new NotUnderstood();
                }
            }
            case "scale" -> {
                allowed = Set.of("-n", "--namespace", "--replicas");
                String replicas = a.flag("--replicas");
                if (replicas == null) {
                    throw new NotUnderstood();
                }
                long n = number("replicas", replicas);
                Workload w = workload(p.subList(1, p.size()));
                String kind = w.kind.equals("daemonset") ? "" : w.kind;
                if (kind.isEmpty()) {
                    throw new NotUnderstood();
                }
                command = new Command.Scale(namespace, w.name, (int) Math.min(n, Integer.MAX_VALUE), kind);
            }
            case "delete" -> {
                if (p.size() < 2) {
                    throw new NotUnderstood();
                }
                List<String> names = new ArrayList<>(p.subList(2, p.size()));
                String kind = p.get(1);
                int slash = kind.indexOf('/');
                if (slash > 0) {
                    names.add(0, kind.substring(slash + 1));
                    kind = kind.substring(0, slash);
                    if (p.size() > 2) {
                        throw new NotUnderstood();
                    }
                }
                if (!Kinds.canonical(kind).orElse("").equals("pods")) {
                    throw new NotUnderstood();
                }
                allowed = Set.of("-n", "--namespace", "-l", "--selector", "--grace-period", "--force", "--now", "--wait");
                String grace = a.flag("--grace-period");
                Optional<Duration> gracePeriod = grace == null ? Optional.empty() : Optional.of(Duration.ofSeconds(number("grace-period", grace)));
                if (a.has("--now") && gracePeriod.isEmpty()) {
                    gracePeriod = Optional.of(Duration.ofSeconds(1));
                }
                if (a.has("--force") && gracePeriod.isEmpty()) {
                    gracePeriod = Optional.of(Duration.ZERO);
                }
                command = new Command.DeletePods(namespace, names, selector(a.flag("-l", "--selector")), gracePeriod);
            }
            case "cordon", "uncordon" -> {
                allowed = Set.of();
                requireArity(p, 2);
                command = verb.equals("cordon") ? new Command.Cordon(node(p.get(1))) : new Command.Uncordon(node(p.get(1)));
            }
            case "drain" -> {
                allowed = Set.of("--ignore-daemonsets", "--delete-emptydir-data", "--delete-local-data", "--force",
                        "--grace-period", "--timeout");
                requireArity(p, 2);
                String grace = a.flag("--grace-period");
                String timeout = a.flag("--timeout");
                command = new Command.Drain(node(p.get(1)), a.has("--ignore-daemonsets"),
                        a.has("--delete-emptydir-data", "--delete-local-data"), a.has("--force"),
                        grace == null ? Optional.empty() : Optional.of(Duration.ofSeconds(number("grace-period", grace))),
                        timeout == null ? Optional.empty() : Optional.of(duration("timeout", timeout)));
            }
            default -> throw new NotUnderstood();
        }
        if (!allowed.containsAll(a.flags.keySet())) {
            throw new NotUnderstood();
        }
        return command;
    }

    /** A kind and, when given, a name: {@code KIND}, {@code KIND NAME} or {@code KIND/NAME}, from {@code p[from]} on. */
    private record Target(String kind, @Nullable String name) {
    }

    private static Target target(List<String> p, int from) {
        if (p.size() <= from || p.size() > from + 2) {
            throw new NotUnderstood();
        }
        String first = p.get(from);
        if (first.contains(",")) {
            throw new NotUnderstood();
        }
        int slash = first.indexOf('/');
        if (slash > 0) {
            if (p.size() != from + 1) {
                throw new NotUnderstood();
            }
            return new Target(Kinds.canonical(first.substring(0, slash)).orElseThrow(NotUnderstood::new), first.substring(slash + 1));
        }
        String kind = Kinds.canonical(first).orElseThrow(NotUnderstood::new);
        return new Target(kind, p.size() == from + 2 ? p.get(from + 1) : null);
    }

    private static Optional<String> scope(String kind, String namespace, boolean all) {
        return Kinds.clusterScoped(kind) || all ? Optional.empty() : Optional.of(namespace);
    }

    private static Command.Output output(@Nullable String o) {
        if (o == null) {
            return Command.Output.DEFAULT;
        }
        return switch (o) {
            case "wide" -> Command.Output.WIDE;
            case "yaml" -> Command.Output.YAML;
            case "json" -> Command.Output.JSON;
            case "name" -> Command.Output.NAME;
            default -> throw new NotUnderstood();
        };
    }

    private static String node(String name) {
        if (name.contains("/")) {
            if (!name.startsWith("node/") && !name.startsWith("nodes/") && !name.startsWith("no/")) {
                throw new NotUnderstood();
            }
            return name.substring(name.indexOf('/') + 1);
        }
        return name;
    }

    private static void requireArity(List<String> positional, int n) {
        if (positional.size() != n) {
            throw new NotUnderstood();
        }
    }

    /** A workload: its kubectl kind ({@code deployment}, {@code daemonset}, {@code statefulset}, {@code replicaset}) and name. */
    private record Workload(String kind, String name) {
    }

    /** {@code deployment/NAME}, {@code ds/NAME}, {@code statefulset NAME}... */
    private static Workload workload(List<String> words) {
        String kind;
        String name;
        if (words.size() == 1 && words.get(0).indexOf('/') > 0) {
            String w = words.get(0);
            kind = w.substring(0, w.indexOf('/'));
            name = w.substring(w.indexOf('/') + 1);
        } else if (words.size() == 2) {
            kind = words.get(0);
            name = words.get(1);
        } else {
            throw new NotUnderstood();
        }
        String canonical = Kinds.canonical(kind).orElseThrow(NotUnderstood::new);
        return switch (canonical) {
            case "deployments" -> new Workload("deployment", name);
            case "daemonsets" -> new Workload("daemonset", name);
            case "statefulsets" -> new Workload("statefulset", name);
            case "replicasets" -> new Workload("replicaset", name);
            default -> throw new NotUnderstood();
        };
    }

    private static Map<String, String> selector(@Nullable String text) {
        Map<String, String> selector = new LinkedHashMap<>();
        if (text == null) {
            return selector;
        }
        for (String term : text.split(",", -1)) {
            int eq = term.indexOf('=');
            if (eq <= 0 || term.contains("!=")) {
                throw new NotUnderstood();
            }
            String key = term.substring(0, eq);
            String value = term.startsWith("=", eq + 1) ? term.substring(eq + 2) : term.substring(eq + 1);
            if (selector.put(key, value) != null) {
                throw ValidationException.of("selector", text, "names label '" + key + "' twice");
            }
        }
        return selector;
    }

    private static Duration duration(String field, String text) {
        Duration d = Durations.parse(text);
        if (d.isZero()) {
            throw ValidationException.of(field, text, "must be positive");
        }
        return d;
    }

    private static long number(String field, String text) {
        if (!text.matches("\\d{1,9}")) {
            throw ValidationException.of(field, text, "must be a whole number");
        }
        return Long.parseLong(text);
    }

    private static Command postgres(List<Tok> tokens) {
        HostPort hp = hostPort(tokens, 5432, Set.of());
        return new Command.PostgresReady(hp.host, hp.port);
    }

    private static Command redis(List<Tok> tokens) {
        HostPort hp = hostPort(tokens, 6379, Set.of("ping"));
        if (hp.positional.size() != 1 || !hp.positional.get(0).toLowerCase(Locale.ROOT).equals("ping")) {
            throw new NotUnderstood();
        }
        return new Command.RedisPing(hp.host, hp.port);
    }

    private record HostPort(String host, int port, List<String> positional) {
    }

    private static HostPort hostPort(List<Tok> tokens, int defaultPort, Set<String> positionalAllowed) {
        String host = "localhost";
        int port = defaultPort;
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Tok t = tokens.get(i);
            if ((t.is("-h") || t.is("-p")) && i + 1 < tokens.size() && !tokens.get(i + 1).isFlag()) {
                String value = tokens.get(++i).value;
                if (t.is("-h")) {
                    host = value;
                } else {
                    port = (int) number("port", value);
                }
            } else if (!t.isFlag() && positionalAllowed.contains(t.value.toLowerCase(Locale.ROOT))) {
                positional.add(t.value);
            } else {
                throw new NotUnderstood();
            }
        }
        return new HostPort(host, port, positional);
    }

    private static Command curl(List<Tok> tokens) {
        boolean statusOnly = false;
        String url = null;
        for (int i = 0; i < tokens.size(); i++) {
            Tok t = tokens.get(i);
            if (t.is("-s") || t.is("-S") || t.is("-sS") || t.is("-f") || t.is("--silent") || t.is("--fail")) {
                continue;
            }
            if ((t.is("-o") || t.is("--output")) && i + 1 < tokens.size() && tokens.get(i + 1).value.equals("/dev/null")) {
                i++;
            } else if ((t.is("-w") || t.is("--write-out")) && i + 1 < tokens.size() && tokens.get(i + 1).value.equals("%{http_code}")) {
                statusOnly = true;
                i++;
            } else if (!t.isFlag() && url == null) {
                url = t.value;
            } else {
                throw new NotUnderstood();
            }
        }
        if (!statusOnly || url == null) {
            throw new NotUnderstood();
        }
        URI uri = Values.checkUrl(url);
        return new Command.HttpStatus(uri);
    }
}
