package io.github.incident4j.incident;

import io.github.incident4j.ValidationException;
import io.github.incident4j.common.Text;
import io.github.incident4j.spi.IncidentStore;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which incidents {@link IncidentManager#incidents(IncidentQuery)} lists: open ones or all, optionally of one
 * service, oldest first, a page at a time ({@link #limit(int)}, default {@value #DEFAULT_LIMIT}, at most
 * {@value #MAX_LIMIT}), continuing after the last incident of the previous page ({@link #after(IncidentId)}, the
 * page's {@link IncidentPage#next()}). Immutable: each method returns a new query.
 *
 * <pre>{@code
 * IncidentPage first = manager.incidents(IncidentQuery.open().service("payments").limit(20));
 * }</pre>
 *
 * @param openOnly whether only open (triggered or acknowledged) incidents are listed
 * @param service the service, or null for every service
 * @param after the last incident of the previous page, or null to start at the oldest
 * @param limit at most this many incidents per page
 */
public record IncidentQuery(boolean openOnly, @Nullable String service, @Nullable IncidentId after, int limit) {

    /** The page size unless one is given. */
    public static final int DEFAULT_LIMIT = 100;
    /** The largest page size. */
    public static final int MAX_LIMIT = 10_000;

    /** Checks the limit. */
    public IncidentQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ValidationException.of("limit", limit, "must be 1 to " + MAX_LIMIT);
        }
    }

    /** Open incidents, every service. */
    public static IncidentQuery open() {
        return new IncidentQuery(true, null, null, DEFAULT_LIMIT);
    }

    /** Every incident, open and resolved, every service. */
    public static IncidentQuery all() {
        return new IncidentQuery(false, null, null, DEFAULT_LIMIT);
    }

    /** Only incidents of this service. */
    public IncidentQuery service(String name) {
        return new IncidentQuery(openOnly, Objects.requireNonNull(name, "service"), after, limit);
    }

    /** Continues after this incident (the previous page's {@link IncidentPage#next()}). */
    public IncidentQuery after(IncidentId last) {
        return new IncidentQuery(openOnly, service, Objects.requireNonNull(last, "after"), limit);
    }

    /** At most this many per page. */
    public IncidentQuery limit(int n) {
        return new IncidentQuery(openOnly, service, after, n);
    }

    /** The store's query, asking for {@code extra} more than the limit (to tell whether a next page exists). */
    IncidentStore.Query toStoreQuery(int extra) {
        return new IncidentStore.Query(openOnly, service == null ? null : Text.storable(service),
                after == null ? null : after.value(), limit + extra);
    }
}
