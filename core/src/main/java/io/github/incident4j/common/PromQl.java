package io.github.incident4j.common;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A syntax and type check of PromQL, Prometheus's query language, without a server: the first problem of a query
 * with its 1-based line and column, or nothing when Prometheus would accept it.
 *
 * <p>It knows the whole grammar: vector selectors with label matchers ({@code =}, {@code !=}, {@code =~},
 * {@code !~}; regular expressions are compiled), quoted metric and label names, range vectors ({@code [5m]}),
 * subqueries ({@code [30m:1m]}), {@code offset} (also negative) and {@code @} ({@code @ 1609746000},
 * {@code @ start()}), the functions of Prometheus 3 with their argument types, aggregations with
 * {@code by}/{@code without} before or after the arguments and their parameters ({@code topk(5, ...)},
 * {@code quantile(0.9, ...)}, {@code count_values("v", ...)}), binary operators with Prometheus's precedence and
 * right-associative {@code ^}, {@code bool}, {@code on}/{@code ignoring} with {@code group_left}/{@code group_right},
 * set operators, numbers (decimal, hexadecimal, exponent, {@code Inf}, {@code NaN}), strings in the three quotings,
 * durations such as {@code 1h30m} and comments. Types are checked as Prometheus does: {@code rate} needs a range
 * vector, a set operator two instant vectors, a comparison of two scalars {@code bool}, and so on. What it does not
 * do is know which metrics exist: {@code up} and {@code p99_latency} are both fine.</p>
 *
 * <p>A query over {@link #MAX_CHARS} characters is refused at once; checking is linear in the query's length, and
 * nesting is bounded ({@link #MAX_DEPTH}), so no query can exhaust the stack.</p>
 *
 * <pre>{@code
 * PromQl.check("histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))"); // empty
 * PromQl.check("p99 latency");  // Optional[column 5: unexpected identifier 'latency' after a complete expression]
 * }</pre>
 */
public final class PromQl {

    /** Longest query checked. */
    public static final int MAX_CHARS = 64 * 1024;
    /** Deepest nesting of parentheses, calls and operators. */
    public static final int MAX_DEPTH = 200;

    private PromQl() {
    }

    /**
     * A problem in a query.
     *
     * @param offset 0-based index in the query of the token at fault
     * @param line 1-based line in the query
     * @param column 1-based column in that line
     * @param message what is wrong, e.g. {@code expected a range vector in call to rate, got an instant vector}
     */
    public record Problem(int offset, int line, int column, String message) {
        @Override
        public String toString() {
            return (line > 1 ? "line " + line + ", " : "") + "column " + column + ": " + message;
        }
    }

    /** The first problem of {@code query}, or empty when it is valid PromQL. */
    public static Optional<Problem> check(String query) {
        if (query.length() > MAX_CHARS) {
            return Optional.of(new Problem(0, 1, 1, "query of " + query.length() + " characters is over the limit of "
                    + MAX_CHARS));
        }
        try {
            Parser p = new Parser(query);
            p.parseQuery();
            return Optional.empty();
        } catch (Failure f) {
            return Optional.of(problemAt(query, f.offset, f.getMessage()));
        }
    }

    /** Whether {@code query} is valid PromQL. */
    public static boolean isValid(String query) {
        return check(query).isEmpty();
    }

    private static Problem problemAt(String text, int offset, String message) {
        int line = 1;
        int lineStart = 0;
        int end = Math.min(offset, text.length());
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new Problem(offset, line, offset - lineStart + 1, message);
    }

    // ------------------------------------------------------------------ types and tables

    private enum Type {
        SCALAR("a scalar"), VECTOR("an instant vector"), MATRIX("a range vector"), STRING("a string");

        final String words;

        Type(String words) {
            this.words = words;
        }
    }

    private static final Type S = Type.SCALAR;
    private static final Type V = Type.VECTOR;
    private static final Type M = Type.MATRIX;
    private static final Type STR = Type.STRING;

    /** A function: argument types, how many may be left out at the end, whether the last repeats, result. */
    private record Function(List<Type> args, int optional, boolean variadic, Type result) {
    }

    private static final Map<String, Function> FUNCTIONS = functions();

    private static Map<String, Function> functions() {
        java.util.HashMap<String, Function> f = new java.util.HashMap<>();
        for (String n : List.of("abs", "ceil", "exp", "floor", "ln", "log2", "log10", "sgn", "sqrt", "sort", "sort_desc",
                "timestamp", "acos", "acosh", "asin", "asinh", "atan", "atanh", "cos", "cosh", "sin", "sinh", "tan", "tanh",
                "deg", "rad", "absent", "histogram_avg", "histogram_count", "histogram_sum", "histogram_stddev",
                "histogram_stdvar")) {
            f.put(n, new Function(List.of(V), 0, false, V));
        }
        for (String n : List.of("rate", "irate", "increase", "delta", "idelta", "deriv", "changes", "resets",
                "absent_over_time", "avg_over_time", "min_over_time", "max_over_time", "sum_over_time",
                "count_over_time", "stddev_over_time", "stdvar_over_time", "last_over_time", "present_over_time",
                "mad_over_time", "first_over_time", "ts_of_min_over_time", "ts_of_max_over_time", "ts_of_last_over_time")) {
            f.put(n, new Function(List.of(M), 0, false, V));
        }
        for (String n : List.of("day_of_month", "day_of_week", "day_of_year", "days_in_month", "hour", "minute",
                "month", "year")) {
            f.put(n, new Function(List.of(V), 1, false, V));
        }
        f.put("clamp", new Function(List.of(V, S, S), 0, false, V));
        f.put("clamp_max", new Function(List.of(V, S), 0, false, V));
        f.put("clamp_min", new Function(List.of(V, S), 0, false, V));
        f.put("round", new Function(List.of(V, S), 1, false, V));
        f.put("histogram_quantile", new Function(List.of(S, V), 0, false, V));
        f.put("histogram_fraction", new Function(List.of(S, S, V), 0, false, V));
        f.put("holt_winters", new Function(List.of(M, S, S), 0, false, V));
        f.put("double_exponential_smoothing", new Function(List.of(M, S, S), 0, false, V));
        f.put("predict_linear", new Function(List.of(M, S), 0, false, V));
        f.put("quantile_over_time", new Function(List.of(S, M), 0, false, V));
        f.put("label_replace", new Function(List.of(V, STR, STR, STR, STR), 0, false, V));
        f.put("label_join", new Function(List.of(V, STR, STR, STR), 1, true, V));
        f.put("sort_by_label", new Function(List.of(V, STR), 1, true, V));
        f.put("sort_by_label_desc", new Function(List.of(V, STR), 1, true, V));
        f.put("scalar", new Function(List.of(V), 0, false, S));
        f.put("vector", new Function(List.of(S), 0, false, V));
        f.put("time", new Function(List.of(), 0, false, S));
        f.put("pi", new Function(List.of(), 0, false, S));
        f.put("info", new Function(List.of(V, V), 1, false, V));
        return Map.copyOf(f);
    }

    private static final Set<String> AGGREGATORS = Set.of("sum", "avg", "count", "min", "max", "group", "stddev",
            "stdvar", "topk", "bottomk", "quantile", "count_values", "limitk", "limit_ratio");
    /** Aggregators taking a parameter before the vector, and its type. */
    private static final Map<String, Type> AGGREGATOR_PARAMETER = Map.of("topk", S, "bottomk", S, "quantile", S,
            "limitk", S, "limit_ratio", S, "count_values", STR);
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "atan2", "bool", "by", "without", "on",
            "ignoring", "group_left", "group_right", "offset");

    // ------------------------------------------------------------------ lexer

    private enum Kind {
        IDENT, NUMBER, DURATION, STRING, OP, LPAREN, RPAREN, LBRACE, RBRACE, LBRACKET, RBRACKET, COMMA, COLON, AT, EOF
    }

    private record Token(Kind kind, String text, int offset) {
        boolean is(String op) {
            return text.equals(op) && kind != Kind.STRING;
        }

        String describe() {
            return switch (kind) {
                case EOF -> "end of query";
                case IDENT -> "identifier '" + text + "'";
                case NUMBER -> "number " + text;
                case DURATION -> "duration " + text;
                case STRING -> "string " + text;
                default -> "'" + text + "'";
            };
        }
    }

    private static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int offset;

        Failure(int offset, String message) {
            super(message, null, false, false);
            this.offset = offset;
        }
    }

    private static final class Lexer {
        private final String s;
        private int i;
        /** Inside [..] a colon separates range and step; elsewhere it may start a metric name (job:rate5m). */
        private int brackets;

        Lexer(String s) {
            this.s = s;
        }

        List<Token> tokens() {
            List<Token> out = new ArrayList<>();
            while (true) {
                skipBlanks();
                if (i >= s.length()) {
                    out.add(new Token(Kind.EOF, "", s.length()));
                    return out;
                }
                out.add(next());
            }
        }

        private void skipBlanks() {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                    i++;
                } else if (c == '#') {
                    while (i < s.length() && s.charAt(i) != '\n') {
                        i++;
                    }
                } else {
                    return;
                }
            }
        }

        private Token next() {
            int start = i;
            char c = s.charAt(i);
            if (Character.isDigit(c) || c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))) {
                return number(start);
            }
            if (isIdentStart(c) && !(c == ':' && brackets > 0)) {
                while (i < s.length() && isIdentPart(s.charAt(i))) {
                    i++;
                }
                return new Token(Kind.IDENT, s.substring(start, i), start);
            }
            if (c == '"' || c == '\'' || c == '`') {
                return string(start, c);
            }
            i++;
            switch (c) {
                case '(' -> { return new Token(Kind.LPAREN, "(", start); }
                case ')' -> { return new Token(Kind.RPAREN, ")", start); }
                case '{' -> { return new Token(Kind.LBRACE, "{", start); }
                case '}' -> { return new Token(Kind.RBRACE, "}", start); }
                case '[' -> {
                    brackets++;
                    return new Token(Kind.LBRACKET, "[", start);
                }
                case ']' -> {
                    brackets = Math.max(0, brackets - 1);
                    return new Token(Kind.RBRACKET, "]", start);
                }
                case ',' -> { return new Token(Kind.COMMA, ",", start); }
                case ':' -> { return new Token(Kind.COLON, ":", start); }
                case '@' -> { return new Token(Kind.AT, "@", start); }
                case '+', '-', '*', '/', '%', '^' -> { return new Token(Kind.OP, String.valueOf(c), start); }
                case '=' -> {
                    if (peek('=') || peek('~')) {
                        return new Token(Kind.OP, "=" + s.charAt(i++), start);
                    }
                    return new Token(Kind.OP, "=", start);
                }
                case '!' -> {
                    if (peek('=') || peek('~')) {
                        return new Token(Kind.OP, "!" + s.charAt(i++), start);
                    }
                    throw new Failure(start, "unexpected character '!'; did you mean '!=' or '!~'?");
                }
                case '<', '>' -> {
                    if (peek('=')) {
                        i++;
                        return new Token(Kind.OP, c + "=", start);
                    }
                    return new Token(Kind.OP, String.valueOf(c), start);
                }
                default -> throw new Failure(start, "unexpected character '" + printable(c) + "'");
            }
        }

        private boolean peek(char c) {
            return i < s.length() && s.charAt(i) == c;
        }

        private Token number(int start) {
            if (s.startsWith("0x", i) || s.startsWith("0X", i)) {
                i += 2;
                int digits = i;
                while (i < s.length() && Character.digit(s.charAt(i), 16) >= 0) {
                    i++;
                }
                if (i == digits) {
                    throw new Failure(start, "hexadecimal number without digits");
                }
                return finishNumber(start);
            }
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            // A duration: digits directly followed by a unit, possibly several (1h30m).
            if (i < s.length() && unitAt(i) > 0) {
                i = start;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    while (i < s.length() && Character.isDigit(s.charAt(i))) {
                        i++;
                    }
                    int unit = unitAt(i);
                    if (unit == 0) {
                        throw new Failure(i, "a duration needs a unit after each number: ms, s, m, h, d, w or y");
                    }
                    i += unit;
                }
                if (i < s.length() && (isIdentPart(s.charAt(i)) && s.charAt(i) != ':')) {
                    throw new Failure(start, "malformed duration '" + s.substring(start, identEnd(i)) + "'");
                }
                checkDurationOrder(start, s.substring(start, i));
                return new Token(Kind.DURATION, s.substring(start, i), start);
            }
            if (peek('.')) {
                i++;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
            }
            if (peek('e') || peek('E')) {
                int save = i;
                i++;
                if (peek('+') || peek('-')) {
                    i++;
                }
                int digits = i;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
                if (i == digits) {
                    i = save; // "1e" is not an exponent; the 'e' is then an error below
                }
            }
            return finishNumber(start);
        }

        private Token finishNumber(int start) {
            if (i < s.length() && (isIdentPart(s.charAt(i)) || s.charAt(i) == '.')) {
                throw new Failure(start, "malformed number '" + s.substring(start, identEnd(i)) + "'");
            }
            return new Token(Kind.NUMBER, s.substring(start, i), start);
        }

        private int identEnd(int from) {
            int j = from;
            while (j < s.length() && (isIdentPart(s.charAt(j)) || s.charAt(j) == '.')) {
                j++;
            }
            return j;
        }

        /** Length of the duration unit at {@code at}, 0 when none. */
        private int unitAt(int at) {
            if (at >= s.length()) {
                return 0;
            }
            char c = s.charAt(at);
            if (c == 'm' && at + 1 < s.length() && s.charAt(at + 1) == 's') {
                return 2;
            }
            return "smhdwy".indexOf(c) >= 0 ? 1 : 0;
        }

        private void checkDurationOrder(int start, String d) {
            String order = "y w d h m s ms";
            int last = -1;
            int j = 0;
            Set<String> seen = new HashSet<>();
            while (j < d.length()) {
                while (Character.isDigit(d.charAt(j))) {
                    j++;
                }
                String unit = d.startsWith("ms", j) ? "ms" : d.substring(j, j + 1);
                j += unit.length();
                int rank = List.of(order.split(" ")).indexOf(unit);
                if (rank <= last || !seen.add(unit)) {
                    throw new Failure(start, "duration '" + d + "' must give its units once each, largest first");
                }
                last = rank;
            }
        }

        private Token string(int start, char quote) {
            i++;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == quote) {
                    i++;
                    return new Token(Kind.STRING, s.substring(start, i), start);
                }
                if (quote != '`') {
                    if (c == '\n') {
                        break;
                    }
                    if (c == '\\') {
                        escape(quote);
                        continue;
                    }
                }
                i++;
            }
            throw new Failure(start, "unterminated string");
        }

        private void escape(char quote) {
            int at = i;
            i++;
            if (i >= s.length()) {
                throw new Failure(at, "unterminated escape sequence");
            }
            char e = s.charAt(i++);
            switch (e) {
                case 'a', 'b', 'f', 'n', 'r', 't', 'v', '\\' -> { }
                case 'x' -> hex(at, 2);
                case 'u' -> hex(at, 4);
                case 'U' -> {
                    hex(at, 8);
                    if (Long.parseLong(s.substring(i - 8, i), 16) > Character.MAX_CODE_POINT) {
                        throw new Failure(at, "escape sequence is not a Unicode code point");
                    }
                }
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    for (int k = 0; k < 2; k++) {
                        if (i >= s.length() || s.charAt(i) < '0' || s.charAt(i) > '7') {
                            throw new Failure(at, "octal escape needs three digits");
                        }
                        i++;
                    }
                }
                default -> {
                    if (e != quote) {
                        throw new Failure(at, "unknown escape sequence '\\" + printable(e) + "'");
                    }
                }
            }
        }

        private void hex(int at, int n) {
            for (int k = 0; k < n; k++) {
                if (i >= s.length() || Character.digit(s.charAt(i), 16) < 0) {
                    throw new Failure(at, "escape sequence needs " + n + " hexadecimal digits");
                }
                i++;
            }
        }

        private static boolean isIdentStart(char c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':';
        }

        private static boolean isIdentPart(char c) {
            return isIdentStart(c) || c >= '0' && c <= '9';
        }
    }

    private static String printable(char c) {
        return c < 0x20 || c == 0x7F || Character.isSurrogate(c)
                ? String.format(Locale.ROOT, "\\u%04X", (int) c) : String.valueOf(c);
    }

    // ------------------------------------------------------------------ parser

    /** An expression's type and what it is, for the rules on offset, @ and ranges. */
    private record Expr(Type type, boolean selector, boolean rangeable, int offset) {
    }

    private static final class Parser {
        private final List<Token> tokens;
        private int pos;
        private int depth;

        Parser(String text) {
            this.tokens = new Lexer(text).tokens();
        }

        void parseQuery() {
            if (peek().kind == Kind.EOF) {
                throw new Failure(0, "empty query");
            }
            expr();
            Token t = peek();
            if (t.kind != Kind.EOF) {
                throw new Failure(t.offset, "unexpected " + t.describe() + " after a complete expression");
            }
        }

        private Token peek() {
            return tokens.get(pos);
        }

        private Token peek(int ahead) {
            return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
        }

        private Token take() {
            return tokens.get(pos++);
        }

        private Token expect(Kind kind, String what) {
            Token t = peek();
            if (t.kind != kind) {
                throw new Failure(t.offset, "expected " + what + ", found " + t.describe());
            }
            return take();
        }

        private void enter(int offset) {
            if (++depth > MAX_DEPTH) {
                throw new Failure(offset, "expression nested deeper than " + MAX_DEPTH + " levels");
            }
        }

        private Expr expr() {
            enter(peek().offset);
            try {
                return binary(0);
            } finally {
                depth--;
            }
        }

        // Precedence levels, lowest first: or; and unless; comparisons; + -; * / % atan2; ^ (right-associative).
        private static final List<Set<String>> LEVELS = List.of(Set.of("or"), Set.of("and", "unless"),
                Set.of("==", "!=", "<", ">", "<=", ">="), Set.of("+", "-"), Set.of("*", "/", "%", "atan2"));

        private Expr binary(int level) {
            if (level == LEVELS.size()) {
                return unary();
            }
            Expr left = binary(level + 1);
            while (isBinaryOperator(peek(), level)) {
                Token op = take();
                Modifiers m = modifiers(op);
                Expr right = binary(level + 1);
                left = combine(left, op, m, right);
            }
            return left;
        }

        private boolean isBinaryOperator(Token t, int level) {
            if (t.kind != Kind.OP && t.kind != Kind.IDENT) {
                return false;
            }
            return LEVELS.get(level).contains(t.kind == Kind.IDENT ? t.text.toLowerCase(Locale.ROOT) : t.text);
        }

        private Expr unary() {
            Token t = peek();
            if (t.kind == Kind.OP && (t.is("-") || t.is("+"))) {
                take();
                enter(t.offset);
                try {
                    Expr operand = unary();
                    if (operand.type != S && operand.type != V) {
                        throw new Failure(t.offset, "unary '" + t.text + "' needs a scalar or an instant vector, got "
                                + operand.type.words);
                    }
                    return new Expr(operand.type, false, false, t.offset);
                } finally {
                    depth--;
                }
            }
            return power();
        }

        private Expr power() {
            Expr base = postfix();
            if (peek().kind == Kind.OP && peek().is("^")) {
                Token op = take();
                Modifiers m = modifiers(op);
                enter(op.offset);
                try {
                    Expr exponent = unary(); // right-associative; "2 ^ -1" is allowed
                    return combine(base, op, m, exponent);
                } finally {
                    depth--;
                }
            }
            return base;
        }

        private record Modifiers(boolean bool, boolean matching, int at) {
        }

        private Modifiers modifiers(Token op) {
            boolean bool = false;
            boolean matching = false;
            int at = op.offset;
            if (keyword(peek(), "bool")) {
                at = take().offset;
                if (!Set.of("==", "!=", "<", ">", "<=", ">=").contains(op.text)) {
                    throw new Failure(at, "bool is only allowed after a comparison operator");
                }
                bool = true;
            }
            if (keyword(peek(), "on") || keyword(peek(), "ignoring")) {
                at = take().offset;
                labelList();
                matching = true;
                if (keyword(peek(), "group_left") || keyword(peek(), "group_right")) {
                    Token g = take();
                    if (Set.of("and", "or", "unless").contains(op.text.toLowerCase(Locale.ROOT))) {
                        throw new Failure(g.offset, g.text + " is not allowed with the set operator " + op.text);
                    }
                    if (peek().kind == Kind.LPAREN) {
                        labelList();
                    }
                }
            } else if (keyword(peek(), "group_left") || keyword(peek(), "group_right")) {
                throw new Failure(peek().offset, peek().text + " needs on(...) or ignoring(...) before it");
            }
            return new Modifiers(bool, matching, at);
        }

        private Expr combine(Expr left, Token op, Modifiers m, Expr right) {
            String o = op.text.toLowerCase(Locale.ROOT);
            for (Expr side : List.of(left, right)) {
                if (side.type == M || side.type == STR) {
                    throw new Failure(side.offset, "binary operator '" + op.text + "' needs scalars or instant vectors, got "
                            + side.type.words);
                }
            }
            boolean set = Set.of("and", "or", "unless").contains(o);
            boolean comparison = Set.of("==", "!=", "<", ">", "<=", ">=").contains(o);
            if (set && (left.type != V || right.type != V)) {
                throw new Failure(op.offset, "set operator '" + op.text + "' needs instant vectors on both sides");
            }
            if (m.matching && (left.type != V || right.type != V)) {
                throw new Failure(m.at, "vector matching (on/ignoring) needs instant vectors on both sides");
            }
            if (comparison && left.type == S && right.type == S && !m.bool) {
                throw new Failure(op.offset, "a comparison between two scalars needs the bool modifier: 'x " + op.text
                        + " bool y'");
            }
            Type result = left.type == S && right.type == S ? S : V;
            return new Expr(result, false, false, left.offset);
        }

        private Expr postfix() {
            Expr e = primary();
            boolean ranged = false;
            boolean offset = false;
            boolean at = false;
            while (true) {
                Token t = peek();
                if (t.kind == Kind.LBRACKET) {
                    e = bracket(e, ranged);
                    ranged = e.type == M;
                    offset = false;
                    at = false;
                } else if (keyword(t, "offset")) {
                    take();
                    requireModifiable(e, t, "offset");
                    if (offset) {
                        throw new Failure(t.offset, "offset may be given only once");
                    }
                    if (peek().kind == Kind.OP && (peek().is("-") || peek().is("+"))) {
                        take();
                    }
                    duration("offset");
                    offset = true;
                    e = new Expr(e.type, e.selector, false, e.offset);
                } else if (t.kind == Kind.AT) {
                    take();
                    requireModifiable(e, t, "@");
                    if (at) {
                        throw new Failure(t.offset, "@ may be given only once");
                    }
                    atValue();
                    at = true;
                    e = new Expr(e.type, e.selector, false, e.offset);
                } else {
                    return e;
                }
            }
        }

        private void requireModifiable(Expr e, Token t, String what) {
            if (!e.selector) {
                throw new Failure(t.offset, what + " must follow a vector selector, a range vector selector or a subquery");
            }
        }

        private void atValue() {
            Token t = peek();
            if (t.kind == Kind.OP && (t.is("-") || t.is("+"))) {
                take();
                t = peek();
            }
            if (t.kind == Kind.NUMBER) {
                take();
                return;
            }
            if (t.kind == Kind.IDENT && (t.text.equals("start") || t.text.equals("end")) && peek(1).kind == Kind.LPAREN
                    && peek(2).kind == Kind.RPAREN) {
                pos += 3;
                return;
            }
            throw new Failure(t.offset, "expected a Unix timestamp, start() or end() after @, found " + t.describe());
        }

        /** {@code [5m]} on a selector, or a subquery {@code [30m:1m]} on an instant vector. */
        private Expr bracket(Expr e, boolean ranged) {
            Token open = take();
            if (ranged) {
                throw new Failure(open.offset, "a range vector cannot take another range or subquery");
            }
            duration("range");
            if (peek().kind == Kind.COLON) {
                take();
                if (peek().kind != Kind.RBRACKET) {
                    duration("subquery step");
                }
                expect(Kind.RBRACKET, "']' to close the subquery");
                if (e.type != V) {
                    throw new Failure(open.offset, "a subquery needs an instant vector, got " + e.type.words);
                }
                return new Expr(M, true, false, e.offset);
            }
            expect(Kind.RBRACKET, "']' to close the range");
            if (!e.rangeable) {
                throw new Failure(open.offset, "a range [d] may only follow a vector selector; for an expression use a "
                        + "subquery [d:step]");
            }
            return new Expr(M, true, false, e.offset);
        }

        private void duration(String what) {
            Token t = peek();
            if (t.kind == Kind.DURATION) {
                take();
                if (t.text.chars().filter(Character::isDigit).allMatch(c -> c == '0')) {
                    throw new Failure(t.offset, what + " duration must be greater than 0");
                }
                return;
            }
            if (t.kind == Kind.NUMBER) {
                throw new Failure(t.offset, what + " needs a duration with a unit, e.g. 5m, found " + t.describe());
            }
            throw new Failure(t.offset, "expected a " + what + " duration, e.g. 5m, found " + t.describe());
        }

        private Expr primary() {
            Token t = peek();
            switch (t.kind) {
                case NUMBER -> {
                    take();
                    return new Expr(S, false, false, t.offset);
                }
                case STRING -> {
                    take();
                    return new Expr(STR, false, false, t.offset);
                }
                case LPAREN -> {
                    take();
                    Expr inner = expr();
                    expect(Kind.RPAREN, "')'");
                    return new Expr(inner.type, false, false, t.offset);
                }
                case LBRACE -> {
                    selectorBody(t.offset, false);
                    return new Expr(V, true, true, t.offset);
                }
                case IDENT -> {
                    return identifier(t);
                }
                case DURATION -> throw new Failure(t.offset, "unexpected " + t.describe()
                        + "; durations go in [..] ranges or after offset");
                case EOF -> throw new Failure(t.offset, "unexpected end of query; an expression is missing");
                default -> throw new Failure(t.offset, "unexpected " + t.describe() + "; expected an expression");
            }
        }

        private Expr identifier(Token t) {
            String lower = t.text.toLowerCase(Locale.ROOT);
            if (lower.equals("inf") || lower.equals("nan")) {
                take();
                return new Expr(S, false, false, t.offset);
            }
            if (AGGREGATORS.contains(lower) && (peek(1).kind == Kind.LPAREN || keyword(peek(1), "by")
                    || keyword(peek(1), "without"))) {
                return aggregation();
            }
            if (KEYWORDS.contains(lower)) {
                throw new Failure(t.offset, "unexpected keyword '" + t.text + "'; an expression is missing");
            }
            if (AGGREGATORS.contains(lower)) {
                throw new Failure(t.offset, "aggregation '" + t.text + "' needs its argument: " + t.text + "(...)");
            }
            if (peek(1).kind == Kind.LPAREN) {
                return call();
            }
            take();
            boolean braces = peek().kind == Kind.LBRACE;
            if (braces) {
                selectorBody(peek().offset, true);
            }
            return new Expr(V, true, true, t.offset);
        }

        private Expr call() {
            Token name = take();
            Function f = FUNCTIONS.get(name.text);
            if (f == null) {
                throw new Failure(name.offset, "unknown function '" + name.text + "'");
            }
            enter(name.offset);
            try {
                take(); // (
                List<Expr> args = new ArrayList<>();
                if (peek().kind != Kind.RPAREN) {
                    args.add(expr());
                    while (peek().kind == Kind.COMMA) {
                        take();
                        args.add(expr());
                    }
                }
                Token close = expect(Kind.RPAREN, "')' or ',' in the call to " + name.text);
                int min = f.args.size() - f.optional;
                if (args.size() < min || !f.variadic && args.size() > f.args.size()) {
                    String count = f.variadic ? "at least " + min : min == f.args.size() ? String.valueOf(min)
                            : min + " to " + f.args.size();
                    throw new Failure(args.size() < min ? close.offset : args.get(f.args.size()).offset, name.text
                            + " takes " + count + " argument" + (count.equals("1") ? "" : "s") + ", got " + args.size());
                }
                for (int i = 0; i < args.size(); i++) {
                    Type want = f.args.get(Math.min(i, f.args.size() - 1));
                    if (args.get(i).type != want) {
                        throw new Failure(args.get(i).offset, "expected " + want.words + " as argument " + (i + 1)
                                + " of " + name.text + ", got " + args.get(i).type.words);
                    }
                }
                return new Expr(f.result, false, false, name.offset);
            } finally {
                depth--;
            }
        }

        private Expr aggregation() {
            Token name = take();
            enter(name.offset);
            try {
                boolean grouped = grouping();
                expect(Kind.LPAREN, "'(' after " + name.text);
                Type param = AGGREGATOR_PARAMETER.get(name.text.toLowerCase(Locale.ROOT));
                if (param != null) {
                    Expr p = expr();
                    if (p.type != param) {
                        throw new Failure(p.offset, name.text + " needs " + param.words + " as its first argument, got "
                                + p.type.words);
                    }
                    expect(Kind.COMMA, "',' and the vector after the parameter of " + name.text);
                }
                Expr v = expr();
                if (v.type != V) {
                    throw new Failure(v.offset, name.text + " aggregates an instant vector, got " + v.type.words);
                }
                if (peek().kind == Kind.COMMA) {
                    throw new Failure(peek().offset, name.text + " takes " + (param == null ? "one argument" : "two arguments"));
                }
                expect(Kind.RPAREN, "')' to close " + name.text);
                if (keyword(peek(), "by") || keyword(peek(), "without")) {
                    if (grouped) {
                        throw new Failure(peek().offset, "by/without may be given only once");
                    }
                    grouping();
                }
                return new Expr(V, false, false, name.offset);
            } finally {
                depth--;
            }
        }

        private boolean grouping() {
            if (keyword(peek(), "by") || keyword(peek(), "without")) {
                take();
                labelList();
                return true;
            }
            return false;
        }

        private void labelList() {
            expect(Kind.LPAREN, "'(' and a list of label names");
            if (peek().kind == Kind.RPAREN) {
                take();
                return;
            }
            while (true) {
                labelName();
                if (peek().kind == Kind.COMMA) {
                    take();
                    if (peek().kind == Kind.RPAREN) {
                        break;
                    }
                    continue;
                }
                break;
            }
            expect(Kind.RPAREN, "')' or ',' in the list of label names");
        }

        private void labelName() {
            Token t = peek();
            if (t.kind == Kind.IDENT && !t.text.contains(":")) {
                take();
                return;
            }
            if (t.kind == Kind.STRING) {
                take();
                return;
            }
            throw new Failure(t.offset, "expected a label name, found " + t.describe());
        }

        /** {@code {a="b", c=~"d"}}; {@code named} when a metric name came before the brace. */
        private void selectorBody(int start, boolean named) {
            take(); // {
            boolean hasName = named;
            boolean nonEmpty = named;
            while (peek().kind != Kind.RBRACE) {
                Token label = peek();
                if (label.kind == Kind.STRING && (peek(1).kind == Kind.COMMA || peek(1).kind == Kind.RBRACE)) {
                    take(); // a quoted metric name: {"http.requests", job="x"}
                    if (hasName) {
                        throw new Failure(label.offset, "the metric name is given twice");
                    }
                    hasName = true;
                    nonEmpty = true;
                } else {
                    labelName();
                    Token op = peek();
                    if (op.kind != Kind.OP || !Set.of("=", "!=", "=~", "!~").contains(op.text)) {
                        throw new Failure(op.offset, "expected a label matching operator =, !=, =~ or !~, found "
                                + op.describe());
                    }
                    take();
                    Token value = expect(Kind.STRING, "a quoted label value");
                    String v = unquote(value);
                    boolean matchesEmpty = matchesEmpty(op, v, value.offset);
                    nonEmpty |= !matchesEmpty;
                    if (unquoteName(label).equals("__name__") && op.text.equals("=")) {
                        if (hasName) {
                            throw new Failure(label.offset, "the metric name is given twice");
                        }
                        hasName = true;
                    }
                }
                if (peek().kind == Kind.COMMA) {
                    take();
                } else if (peek().kind != Kind.RBRACE) {
                    throw new Failure(peek().offset, "expected ',' or '}' in the label matchers, found " + peek().describe());
                }
            }
            take(); // }
            if (!nonEmpty) {
                throw new Failure(start, "a vector selector needs a metric name or a matcher that does not match the "
                        + "empty string");
            }
        }

        private boolean matchesEmpty(Token op, String value, int at) {
            return switch (op.text) {
                case "=" -> value.isEmpty();
                case "!=" -> !value.isEmpty();
                default -> {
                    if (nesting(value) > 100) {
                        throw new Failure(at, "regular expression nested more than 100 groups deep");
                    }
                    Pattern p;
                    try {
                        // RE2's named groups (?P<x>...) are Java's (?<x>...)
                        p = Pattern.compile(value.replace("(?P<", "(?<"));
                    } catch (PatternSyntaxException e) {
                        throw new Failure(at, "invalid regular expression: " + e.getDescription());
                    }
                    boolean empty = p.matcher("").matches();
                    yield op.text.equals("=~") == empty;
                }
            };
        }

        private static int nesting(String regex) {
            int depth = 0;
            int max = 0;
            for (int i = 0; i < regex.length(); i++) {
                char c = regex.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == '(') {
                    max = Math.max(max, ++depth);
                } else if (c == ')') {
                    depth--;
                }
            }
            return max;
        }

        private String unquoteName(Token t) {
            return t.kind == Kind.STRING ? unquote(t) : t.text;
        }

        private static boolean keyword(Token t, String word) {
            return t.kind == Kind.IDENT && t.text.toLowerCase(Locale.ROOT).equals(word);
        }
    }

    /** The value of a string token (escapes already validated by the lexer). */
    private static String unquote(Token t) {
        String body = t.text.substring(1, t.text.length() - 1);
        if (t.text.charAt(0) == '`' || body.indexOf('\\') < 0) {
            return body;
        }
        StringBuilder out = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = body.charAt(++i);
            switch (e) {
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'v' -> out.append('\u000B');
                case 'x' -> { out.append((char) Integer.parseInt(body.substring(i + 1, i + 3), 16)); i += 2; }
                case 'u' -> { out.append((char) Integer.parseInt(body.substring(i + 1, i + 5), 16)); i += 4; }
                case 'U' -> { out.appendCodePoint(Integer.parseInt(body.substring(i + 1, i + 9), 16)); i += 8; }
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    out.append((char) Integer.parseInt(body.substring(i, i + 3), 8));
                    i += 2;
                }
                default -> out.append(e);
            }
        }
        return out.toString();
    }
}
