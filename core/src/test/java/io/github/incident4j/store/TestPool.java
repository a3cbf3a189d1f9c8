package io.github.incident4j.store;

import java.io.PrintWriter;
import java.io.Writer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A tiny connection pool for the tests (one per simulated service instance): reuses idle connections, checks a
 * borrowed one is still valid (the database may have restarted), can be made to refuse connections for a while
 * ({@link #outage(boolean)}), counts borrows, and once closed refuses every connection like a dead process.
 */
final class TestPool implements DataSource {

    private final DataSource target;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private final AtomicInteger borrows = new AtomicInteger();
    private volatile boolean closed;
    private volatile boolean outage;
    private volatile boolean validate = true;

    TestPool(DataSource target) {
        this.target = target;
    }

    /** Makes every borrow fail (as if the database were unreachable) or work again. */
    TestPool outage(boolean on) {
        outage = on;
        if (on) {
            drain();
        }
        return this;
    }

    /** Hands out idle connections without checking them, as a careless pool would after a database restart. */
    TestPool withoutValidation() {
        validate = false;
        return this;
    }

    int borrows() {
        return borrows.get();
    }

    /** Closes every idle connection and refuses new ones. */
    void close() {
        closed = true;
        drain();
    }

    private void drain() {
        synchronized (idle) {
            for (Connection c : idle) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // closing a connection to a stopped server may fail; it is gone either way
                }
            }
            idle.clear();
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (closed) {
            throw new SQLException("the pool is closed", "08003");
        }
        if (outage) {
            throw new SQLTransientConnectionException("connection refused (simulated outage)", "08001");
        }
        borrows.incrementAndGet();
        Connection real = null;
        synchronized (idle) {
            while (real == null && !idle.isEmpty()) {
                Connection c = idle.pop();
                if (!validate || c.isValid(2)) {
                    real = c;
                } else {
                    c.close();
                }
            }
        }
        if (real == null) {
            real = target.getConnection();
        }
        return wrap(real);
    }

    private Connection wrap(Connection real) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        if (!closed && !outage && !real.isClosed()) {
                            real.setAutoCommit(true);
                            synchronized (idle) {
                                idle.push(real);
                            }
                        } else {
                            real.close();
                        }
                        return null;
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return new PrintWriter(Writer.nullWriter());
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // not used
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // not used
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return false;
    }
}
