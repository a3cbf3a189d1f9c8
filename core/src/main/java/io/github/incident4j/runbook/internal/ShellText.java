package io.github.incident4j.runbook.internal;

import io.github.incident4j.runbook.CodeBlock;
import io.github.incident4j.runbook.CommandLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the commands of a code block as a person reads a runbook: prompts, expected output, {@code \} continuations,
 * heredocs, compound commands, comments, and which blocks are data or queries rather than commands. Pure text work;
 * nothing is run.
 */
public final class ShellText {

    /** Languages whose blocks are shell commands. */
    private static final Set<String> SHELL = Set.of("bash", "sh", "shell", "console", "shell-session", "shellsession",
            "sh-session", "zsh", "terminal", "shellscript", "ksh", "fish", "bash-session", "session", "cli", "cmd",
            "powershell", "ps1", "pwsh", "ps");
    /** Languages whose blocks read like a terminal: lines that are not commands are output. */
    private static final Set<String> SESSION = Set.of("console", "shell-session", "shellsession", "sh-session", "terminal",
            "bash-session", "session", "", "text", "txt", "plaintext", "plain", "output", "none", "log", "nohighlight");
    /** Languages of PromQL. */
    private static final Set<String> PROMQL = Set.of("promql", "prometheus", "metricsql");
    /** Languages of unspecified text, whose content decides. */
    private static final Set<String> PLAIN = Set.of("", "text", "txt", "plaintext", "plain", "none", "nohighlight");
    /** Languages of output. */
    private static final Set<String> OUTPUT = Set.of("output", "log", "logs");

    /** Programs whose name starting a line makes it a command. */
    private static final Set<String> PROGRAMS = Set.of("kubectl", "oc", "helm", "curl", "wget", "pg_isready", "redis-cli",
            "psql", "mysql", "mongosh", "mongo", "etcdctl", "crictl", "docker", "podman", "systemctl", "journalctl", "ssh",
            "scp", "sudo", "export", "cat", "tail", "head", "grep", "egrep", "ls", "df", "du", "free", "top", "htop", "ps",
            "kill", "pkill", "dig", "nslookup", "host", "ping", "traceroute", "nc", "telnet", "openssl", "aws", "gcloud",
            "gsutil", "az", "virtctl", "jq", "yq", "echo", "watch", "promtool", "amtool", "kubeadm", "ip", "ss",
            "netstat", "iptables", "nft", "mount", "umount", "lsblk", "dmesg", "uptime", "vmstat", "iostat", "sar",
            "chronyc", "timedatectl", "ntpq", "vault", "consul", "nomad", "terraform", "ansible", "ansible-playbook",
            "git", "xargs", "awk", "sed", "rm", "mv", "cp", "mkdir", "chmod", "chown", "tar", "find", "sort", "wc", "env",
            "source", "cd", "argocd", "flux", "istioctl", "linkerd", "velero", "rabbitmqctl", "nodetool", "cqlsh",
            "patronictl", "gitlab-rake", "gitlab-ctl", "gitlab-psql", "knife", "nsenter", "strace", "lsof", "tcpdump",
            "reboot", "shutdown", "pg_dump", "pg_ctl", "pgbench", "redis-server", "kafka-topics", "kafka-consumer-groups",
            "kafka-topics.sh", "kafka-consumer-groups.sh", "cilium", "calicoctl", "nvidia-smi", "kustomize", "stern",
            "k9s", "kubectx", "kubens", "fluxctl", "mc", "rclone", "rsync", "base64", "date", "sleep", "printf", "test",
            "set", "unset", "read", "exec", "nohup", "time", "timeout", "less", "more", "vi", "vim", "nano", "touch",
            "ln", "diff", "uname", "hostname", "whoami", "id", "getent", "resolvectl", "update-ca-certificates",
            "apt", "apt-get", "yum", "dnf", "rpm", "dpkg", "pip", "python", "python3", "java", "jcmd", "jstack", "jmap",
            "go", "node", "npm", "make", "skopeo", "buildah", "ctr", "nerdctl", "kind", "minikube", "eksctl", "doctl");

    /** A prompt: {@code $ }, {@code # }, {@code % }, {@code user@host:~$ }, {@code [root@h ~]# }, {@code sh-5.1# }, {@code db=# }. */
    private static final Pattern PROMPT = Pattern.compile("^(?:"
            + "[$%] "
            + "|# (?=\\S)"
            + "|[\\w.-]+@[\\w.-]+(?::[^\\s$#]*)?\\s?[$#%] "
            + "|\\[[^\\]\\n]{1,80}\\][$#%] "
            + "|(?:ba|z|k)?sh-\\d+(?:\\.\\d+)*[$#] "
            + "|[\\w-]+=[#>] "
            + "|mysql> "
            + ")");
    private static final Pattern ASSIGNMENT = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*=");
    private static final Pattern HEREDOC = Pattern.compile("<<-?\\s*(['\"]?)([A-Za-z_][A-Za-z0-9_]*)\\1");
    private static final Pattern MANIFEST_API = Pattern.compile("(?m)^\\s*(?:- )?apiVersion:\\s*\\S");
    private static final Pattern MANIFEST_KIND = Pattern.compile("(?m)^\\s*kind:\\s*\\S");
    private static final Pattern PROMQL_START = Pattern.compile("^(?:[a-zA-Z_:][a-zA-Z0-9_:]*\\s*[{(\\[]"
            + "|(?:sum|avg|min|max|count|topk|bottomk|rate|irate|increase|histogram_quantile|absent|predict_linear|delta"
            + "|deriv|label_replace|quantile|stddev|sort|sort_desc|avg_over_time|max_over_time|min_over_time|sum_over_time"
            + "|count_over_time|quantile_over_time|changes|resets)\\b)");
    private static final Set<String> OPENERS = Set.of("for", "while", "until", "if", "case", "select");
    private static final Set<String> CLOSERS = Set.of("done", "fi", "esac");

    private ShellText() {
    }

    /** What a block holds, from its language and text. */
    public static CodeBlock.Kind kind(String language, String text) {
        String lang = language.toLowerCase(Locale.ROOT);
        if (PROMQL.contains(lang)) {
            return CodeBlock.Kind.QUERY;
        }
        if (SHELL.contains(lang)) {
            return CodeBlock.Kind.COMMANDS;
        }
        if (OUTPUT.contains(lang)) {
            return hasPrompt(text) ? CodeBlock.Kind.COMMANDS : CodeBlock.Kind.OUTPUT;
        }
        if (!PLAIN.contains(lang)) {
            return CodeBlock.Kind.DATA;
        }
        String t = text.strip();
        if (t.isEmpty()) {
            return CodeBlock.Kind.OUTPUT;
        }
        if (hasPrompt(text)) {
            return CodeBlock.Kind.COMMANDS;
        }
        if (t.startsWith("{") || t.startsWith("[") || MANIFEST_API.matcher(t).find() && MANIFEST_KIND.matcher(t).find()) {
            return CodeBlock.Kind.DATA;
        }
        String first = firstSignificantLine(t);
        if (startsWithProgram(first)) {
            return CodeBlock.Kind.COMMANDS;
        }
        if (PROMQL_START.matcher(first).find() && balanced(t)) {
            return CodeBlock.Kind.QUERY;
        }
        return CodeBlock.Kind.OUTPUT;
    }

    private static String firstSignificantLine(String text) {
        for (String l : text.split("\n", -1)) {
            String s = l.strip();
            if (!s.isEmpty() && !s.startsWith("#")) {
                return s;
            }
        }
        return "";
    }

    private static boolean balanced(String t) {
        int depth = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '{' || c == '(' || c == '[') {
                depth++;
            } else if (c == '}' || c == ')' || c == ']') {
                depth--;
                if (depth < 0) {
                    return false;
                }
            }
        }
        return depth == 0;
    }

    /** Whether any line of the text starts with a prompt. */
    public static boolean hasPrompt(String text) {
        for (String l : text.split("\n", -1)) {
            if (prompt(l) != null) {
                return true;
            }
        }
        return false;
    }

    /** The prompt a line starts with, or null. {@code # } is a prompt only before a command (else a comment). */
    static String prompt(String line) {
        Matcher m = PROMPT.matcher(line);
        if (!m.find()) {
            return null;
        }
        String p = m.group();
        if (p.equals("# ") && !startsWithProgram(line.substring(2))) {
            return null;
        }
        return p;
    }

    /** Whether a line starts with a known program or a variable assignment. */
    public static boolean startsWithProgram(String line) {
        String t = line.strip();
        int eq = t.indexOf('=');
        if (eq > 0 && ASSIGNMENT.matcher(t).find()) {
            return true;
        }
        int end = 0;
        while (end < t.length() && !Character.isWhitespace(t.charAt(end)) && t.charAt(end) != ';' && t.charAt(end) != '|') {
            end++;
        }
        String word = t.substring(0, end);
        if (word.isEmpty() || !word.chars().allMatch(ch -> ch < 128 && (Character.isLetterOrDigit(ch) || ch == '_' || ch == '.'
                || ch == '/' || ch == '-'))) {
            return false;
        }
        int slash = word.lastIndexOf('/');
        String name = slash >= 0 ? word.substring(slash + 1) : word;
        return PROGRAMS.contains(name) || name.startsWith("kubectl-");
    }

    /** The PromQL queries of a block: paragraphs separated by blank lines, comment lines left out. */
    public static List<String> queries(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String l : text.split("\n", -1)) {
            String s = l.strip();
            if (s.startsWith("#")) {
                continue;
            }
            if (s.isEmpty()) {
                if (current.length() > 0) {
                    out.add(current.toString());
                    current.setLength(0);
                }
                continue;
            }
            if (current.length() > 0) {
                current.append('\n');
            }
            current.append(l.stripTrailing());
        }
        if (current.length() > 0) {
            out.add(current.toString());
        }
        return out;
    }

    /** The commands of a block (see {@link CommandLine}). */
    public static List<CommandLine> commands(String language, String text) {
        String[] lines = text.split("\n", -1);
        boolean prompted = false;
        for (String l : lines) {
            if (prompt(l) != null) {
                prompted = true;
                break;
            }
        }
        return prompted ? prompted(lines) : unprompted(lines, SESSION.contains(language.toLowerCase(Locale.ROOT)));
    }

    /** Prompted lines are commands; the lines after each, up to the next prompt, are its output. */
    private static List<CommandLine> prompted(String[] lines) {
        List<CommandLine> out = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            String p = prompt(lines[i]);
            if (p == null) {
                i++;
                continue;
            }
            int start = i;
            StringBuilder cmd = new StringBuilder(lines[i].substring(p.length()).strip());
            i = continuation(lines, i, cmd, true);
            int end = i;
            List<String> output = new ArrayList<>();
            while (i < lines.length && prompt(lines[i]) == null) {
                output.add(lines[i]);
                i++;
            }
            while (!output.isEmpty() && output.get(output.size() - 1).isBlank()) {
                output.remove(output.size() - 1);
            }
            out.add(new CommandLine(cmd.toString(), p, String.join("\n", output), start, end - start));
        }
        return out;
    }

    /**
     * Without prompts: every logical line that is not blank or a comment is a command; in a terminal-like block (an
     * untagged or {@code console} one) a line that does not start with a known program is output of the command
     * before it.
     */
    private static List<CommandLine> unprompted(String[] lines, boolean session) {
        List<CommandLine> out = new ArrayList<>();
        List<String> output = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            String t = lines[i].strip();
            if (t.isEmpty() || t.startsWith("#") && !t.startsWith("#!")) {
                if (!out.isEmpty() && !output.isEmpty()) {
                    output.add(lines[i]);
                }
                i++;
                continue;
            }
            if (t.startsWith("#!")) {
                i++;
                continue;
            }
            if (session && !out.isEmpty() && !startsWithProgram(t)) {
                output.add(lines[i]);
                i++;
                continue;
            }
            if (!out.isEmpty() && !output.isEmpty()) {
                out.set(out.size() - 1, withOutput(out.get(out.size() - 1), output));
                output.clear();
            }
            int start = i;
            StringBuilder cmd = new StringBuilder(t);
            i = continuation(lines, i, cmd, false);
            out.add(new CommandLine(cmd.toString(), "", "", start, i - start));
        }
        if (!out.isEmpty() && !output.isEmpty()) {
            out.set(out.size() - 1, withOutput(out.get(out.size() - 1), output));
        }
        return out;
    }

    private static CommandLine withOutput(CommandLine c, List<String> output) {
        List<String> lines = new ArrayList<>(output);
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        return new CommandLine(c.template(), c.prompt(), String.join("\n", lines), c.line(), c.lineCount());
    }

    /**
     * Extends the command started on line {@code i} over its continuation lines ({@code \} at the end, a trailing
     * {@code |}, {@code &&} or {@code ||}, a heredoc up to its delimiter, a compound command up to its {@code done},
     * {@code fi}, {@code esac} or {@code }}); returns the index of the line after it.
     */
    private static int continuation(String[] lines, int i, StringBuilder cmd, boolean prompted) {
        int at = i + 1;
        while (at < lines.length && continues(cmd)) {
            if (cmd.charAt(cmd.length() - 1) == '\\') {
                cmd.setLength(cmd.length() - 1);
            }
            String next = lines[at].strip();
            if (prompted && next.startsWith("> ")) {
                next = next.substring(2).strip();
            }
            String trimmed = cmd.toString().stripTrailing();
            cmd.setLength(0);
            cmd.append(trimmed).append(' ').append(next);
            at++;
        }
        Matcher heredoc = HEREDOC.matcher(cmd);
        if (heredoc.find()) {
            String delimiter = heredoc.group(2);
            while (at < lines.length) {
                String l = lines[at];
                cmd.append('\n').append(l);
                at++;
                if (l.strip().equals(delimiter)) {
                    break;
                }
            }
            return at;
        }
        int depth = depth(cmd.toString());
        while (depth > 0 && at < lines.length) {
            if (prompted && prompt(lines[at]) != null) {
                break;
            }
            String l = lines[at];
            cmd.append('\n').append(prompted && l.strip().startsWith("> ") ? l.strip().substring(2) : l);
            depth += depth(l);
            at++;
        }
        return at;
    }

    private static boolean continues(CharSequence cmd) {
        String s = cmd.toString().stripTrailing();
        if (s.isEmpty()) {
            return false;
        }
        if (s.endsWith("\\")) {
            int n = 0;
            for (int k = s.length() - 1; k >= 0 && s.charAt(k) == '\\'; k--) {
                n++;
            }
            return n % 2 == 1;
        }
        return s.endsWith("|") || s.endsWith("&&") || s.endsWith("||");
    }

    /** How many compound commands or braces a line opens minus those it closes. */
    private static int depth(String line) {
        int d = 0;
        for (String word : line.strip().split("[\\s;]+")) {
            if (OPENERS.contains(word) || word.equals("{")) {
                d++;
            } else if (CLOSERS.contains(word) || word.equals("}")) {
                d--;
            }
        }
        return d;
    }
}
