package io.github.incident4j.notify;

import io.github.incident4j.common.Problems;
import io.github.incident4j.spi.Timers;
import java.net.http.HttpClient;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What every provider's builder takes: the host's HTTP client, the timers retries wait on, and the retry policy.
 *
 * @param <B> the provider's builder
 */
abstract class ProviderBuilder<B extends ProviderBuilder<B>> {

    private @Nullable HttpClient client;
    private @Nullable Timers timers;
    private RetryPolicy retry = RetryPolicy.DEFAULT;

    abstract B self();

    /** The host's HTTP client (its proxy, TLS and connection pool); default a new one. */
    public B client(HttpClient value) {
        this.client = Objects.requireNonNull(value, "client");
        return self();
    }

    /** The timers retries wait on, and whose clock stamps the requests (required). */
    public B timers(Timers value) {
        this.timers = Objects.requireNonNull(value, "timers");
        return self();
    }

    /** Timeout and retries (default {@link RetryPolicy#DEFAULT}). */
    public B retry(RetryPolicy value) {
        this.retry = Objects.requireNonNull(value, "retry");
        return self();
    }

    void check(Problems p) {
        p.check(timers != null, "timers", null, "is required");
    }

    Timers timers() {
        return Objects.requireNonNull(timers);
    }

    HttpDelivery delivery(String provider) {
        return new HttpDelivery(provider, client != null ? client : HttpClient.newHttpClient(), timers(), retry);
    }
}
