package io.github.incident4j.examples.bench.jdbc;

import java.io.PrintWriter;
import java.io.Writer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The smallest connection pool that makes a benchmark meaningful: idle connections are reused instead of opening a
 * PostgreSQL connection (a new server process) per store call. No validation, no size limit, no timeouts: one
 * pool per manager, used by one or two threads at a time. A host uses its own pool (HikariCP or the like).
 */
final class TinyPool implements DataSource, AutoCloseable {

    private final DataSource target;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private boolean closed;

    TinyPool(DataSource target) {
        this.target = target;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection real;
        synchronized (idle) {
            if (closed) {
                throw new SQLException("the pool is closed", "08003");
            }
            real = idle.poll();
        }
        return wrap(real != null ? real : target.getConnection());
    }

    /** A proxy whose {@code close()} gives the connection back (in auto-commit, as the next borrower expects). */
    private Connection wrap(Connection real) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        giveBack(real);
                        return null;
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private void giveBack(Connection real) throws SQLException {
        if (real.isClosed()) {
            return;
        }
        synchronized (idle) {
            if (!closed) {
                real.setAutoCommit(true);
                idle.push(real);
                return;
            }
        }
        real.close();
    }

    /** Closes every idle connection; connections still borrowed are closed when given back. */
    @Override
    public void close() throws SQLException {
        synchronized (idle) {
            closed = true;
            for (Connection c : idle) {
                c.close();
            }
            idle.clear();
        }
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
        // nothing is logged
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // the target's login timeout applies
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
