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
            "--to-revision", "--replicas", "--timeout", "--grace-period", "-c", "--container", "--tail");

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
            return kubectl(tokens.subList(1, tokens.size()), grep, defaultNamespace);
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
    }

    private static Args args(List<Tok> tokens, Set<String> booleanFlags) {
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
                } else if (VALUE_FLAGS.contains(name)) {
                    if (i + 1 >= tokens.size() || tokens.get(i + 1).isFlag()) {
                        throw new NotUnderstood();
                    }
                    value = tokens.get(++i).value;
                } else {
                    value = "";
                }
                boolean known = VALUE_FLAGS.contains(name) ? eq > 0 || !value.isEmpty() : booleanFlags.contains(name) && eq < 0;
                if (!known || flags.containsKey(name)) {
                    throw new NotUnderstood();
                }
                flags.put(name, value);
            } else {
                positional.add(t.value);
            }
        }
        return new Args(flags, positional);
    }

    private static Command kubectl(List<Tok> tokens, Optional<String> grep, String defaultNamespace) {
        Args a = args(tokens, Set.of("--force"));
        String ns = a.flag("-n", "--namespace");
        String namespace = ns == null ? defaultNamespace : ns;
        List<String> p = a.positional;
        String verb = p.isEmpty() ? "" : p.get(0);
        if (grep.isPresent() && !verb.equals("logs")) {
            throw new NotUnderstood();
        }
        Set<String> allowed;
        Command command;
        switch (verb) {
            case "get" -> {
                requireArity(p, 2);
                if (!Set.of("pods", "pod", "po").contains(p.get(1))) {
                    throw new NotUnderstood();
                }
                allowed = Set.of("-n", "--namespace", "-l", "--selector");
                command = new Command.ListPods(namespace, selector(a.flag("-l", "--selector")));
            }
            case "logs" -> {
                requireArity(p, 1);
                allowed = Set.of("-n", "--namespace", "-l", "--selector", "--since");
                String sel = a.flag("-l", "--selector");
                if (sel == null) {
                    throw new NotUnderstood();
                }
                String since = a.flag("--since");
                command = new Command.Logs(namespace, selector(sel),
                        since == null ? Optional.empty() : Optional.of(duration("since", since)), grep);
            }
            case "rollout" -> {
                if (p.size() < 3) {
                    throw new NotUnderstood();
                }
                String deployment = deployment(p.subList(2, p.size()));
                switch (p.get(1)) {
                    case "history" -> {
                        allowed = Set.of("-n", "--namespace");
                        command = new Command.RolloutHistory(namespace, deployment);
                    }
                    case "undo" -> {
                        allowed = Set.of("-n", "--namespace", "--to-revision");
                        String rev = a.flag("--to-revision");
                        command = new Command.RolloutUndo(namespace, deployment,
                                rev == null ? OptionalLong.empty() : OptionalLong.of(number("to-revision", rev)));
                    }
                    case "status" -> {
                        allowed = Set.of("-n", "--namespace", "--timeout");
                        String timeout = a.flag("--timeout");
                        command = new Command.RolloutStatus(namespace, deployment,
                                timeout == null ? Optional.empty() : Optional.of(duration("timeout", timeout)));
                    }
                    case "restart" -> {
                        allowed = Set.of("-n", "--namespace");
                        command = new Command.RolloutRestart(namespace, deployment);
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
                command = new Command.Scale(namespace, deployment(p.subList(1, p.size())), (int) Math.min(n, Integer.MAX_VALUE));
            }
            case "delete" -> {
                if (p.size() < 2 || !Set.of("pod", "pods", "po").contains(p.get(1))) {
                    throw new NotUnderstood();
                }
                allowed = Set.of("-n", "--namespace", "-l", "--selector", "--grace-period", "--force");
                String grace = a.flag("--grace-period");
                Optional<Duration> gracePeriod = grace == null ? Optional.empty() : Optional.of(Duration.ofSeconds(number("grace-period", grace)));
                if (a.flags.containsKey("--force") && gracePeriod.isEmpty()) {
                    gracePeriod = Optional.of(Duration.ZERO);
                }
                command = new Command.DeletePods(namespace, p.subList(2, p.size()), selector(a.flag("-l", "--selector")), gracePeriod);
            }
            default -> throw new NotUnderstood();
        }
        if (!allowed.containsAll(a.flags.keySet())) {
            throw new NotUnderstood();
        }
        return command;
    }

    private static void requireArity(List<String> positional, int n) {
        if (positional.size() != n) {
            throw new NotUnderstood();
        }
    }

    /** {@code deployment/NAME}, {@code deploy/NAME} or {@code deployment NAME}. */
    private static String deployment(List<String> words) {
        if (words.size() == 1) {
            String w = words.get(0);
            for (String prefix : List.of("deployment/", "deploy/", "deployments/", "deployment.apps/", "deployments.apps/")) {
                if (w.startsWith(prefix)) {
                    return w.substring(prefix.length());
                }
            }
        } else if (words.size() == 2 && Set.of("deployment", "deploy", "deployments").contains(words.get(0))) {
            return words.get(1);
        }
        throw new NotUnderstood();
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
