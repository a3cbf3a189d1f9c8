package io.github.incident4j.examples.bench.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * Counts what a {@link DataSource}'s users send to the database: every statement execution (a batch counts once),
 * by the statement's first words, and every commit and rollback: each is one round trip to the server; and the
 * time each took, as the client waited for it (the round trip and the server's work). For the statement profile of
 * {@link StatementProfile}; not for the benchmarks themselves (the proxies cost a little).
 */
final class CountingDataSource {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> nanos = new ConcurrentHashMap<>();

    /** {@code target}, counted. */
    DataSource wrap(DataSource target) {
        return proxy(DataSource.class, target, (m, args, result, took) -> {
            if (m.getName().equals("getConnection")) {
                return connection((Connection) result);
            }
            return result;
        });
    }

    private Connection connection(Connection c) {
        return proxy(Connection.class, c, (m, args, result, took) -> {
            switch (m.getName()) {
                case "prepareStatement" -> {
                    return statement(PreparedStatement.class, (PreparedStatement) result, (String) args[0]);
                }
                case "createStatement" -> {
                    return statement(Statement.class, (Statement) result, null);
                }
                case "commit", "rollback" -> count(m.getName().toUpperCase(Locale.ROOT), took);
                default -> {
                }
            }
            return result;
        });
    }

    private <S extends Statement> S statement(Class<S> type, S s, String sql) {
        return proxy(type, s, (m, args, result, took) -> {
            if (m.getName().startsWith("execute")) {
                count(kind(sql != null ? sql : args != null && args.length > 0 ? String.valueOf(args[0]) : "?"), took);
            }
            return result;
        });
    }

    /** The statement's kind: its first keywords and table, e.g. {@code WITH ... UPDATE incident4j_incident}. */
    static String kind(String sql) {
        String s = sql.trim().replaceAll("\\s+", " ");
        String head = s.length() > 90 ? s.substring(0, 90) + "…" : s;
        return head;
    }

    private void count(String key, long took) {
        counts.computeIfAbsent(key, k -> new LongAdder()).increment();
        nanos.computeIfAbsent(key, k -> new LongAdder()).add(took);
    }

    /** What was counted, by statement (sorted), and the total round trips. */
    Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** The time waited for each statement, in nanoseconds, all executions together. */
    Map<String, Long> nanos() {
        Map<String, Long> out = new TreeMap<>();
        nanos.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    void reset() {
        counts.clear();
        nanos.clear();
    }

    @FunctionalInterface
    private interface After {
        Object apply(Method m, Object[] args, Object result, long tookNanos) throws Exception;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, After after) {
        InvocationHandler h = (p, m, args) -> {
            Object result;
            long start = System.nanoTime();
            try {
                result = m.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return after.apply(m, args, result, System.nanoTime() - start);
        };
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, h);
    }
}
