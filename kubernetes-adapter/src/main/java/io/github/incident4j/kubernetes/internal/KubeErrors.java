package io.github.incident4j.kubernetes.internal;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.github.incident4j.spi.ClusterException;
import io.github.incident4j.spi.ClusterException.Reason;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Turns fabric8 failures into {@link ClusterException}s that name the operation and the object. The adapter
 * itself never retries: whatever retrying happens is the fabric8 client's own, bounded by its configuration
 * ({@code requestRetryBackoffLimit}), and then the failure surfaces here.
 */
public final class KubeErrors {

    private KubeErrors() {
    }

    /**
     * Runs one API call, translating its failure.
     *
     * @param operation what the caller was doing, e.g. {@code "rollout undo"}
     * @param object the object, e.g. {@code "deployment shop/web"}
     */
    public static <T> T call(String operation, String object, Supplier<T> action) {
        try {
            return action.get();
        } catch (KubernetesClientException e) {
            throw translate(operation, object, e);
        }
    }

    /** The {@link ClusterException} for a failed call. */
    public static ClusterException translate(String operation, String object, KubernetesClientException e) {
        Reason reason = reasonOf(e);
        String detail = switch (reason) {
            case NOT_FOUND -> "not found";
            case FORBIDDEN -> "forbidden";
            case CONFLICT -> "conflict";
            case TIMEOUT -> "timed out";
            case UNAVAILABLE -> "API server unavailable";
            case OTHER -> "failed";
        };
        String code = e.getCode() > 0 ? " (HTTP " + e.getCode() + ")" : "";
        String serverMessage = e.getStatus() != null && e.getStatus().getMessage() != null
                ? ": " + e.getStatus().getMessage()
                : rootMessage(e);
        return new ClusterException(reason, operation + " of " + object + " " + detail + code + serverMessage, e);
    }

    /** The failure's kind, from the HTTP status if there was an answer, from the cause otherwise. */
    public static Reason reasonOf(KubernetesClientException e) {
        int code = e.getCode();
        if (code > 0) {
            return switch (code) {
                case 404, 410 -> Reason.NOT_FOUND;
                case 401, 403 -> Reason.FORBIDDEN;
                case 409 -> Reason.CONFLICT;
                case 408, 504 -> Reason.TIMEOUT;
                case 502, 503 -> Reason.UNAVAILABLE;
                default -> Reason.OTHER;
            };
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException) {
                return Reason.UNAVAILABLE;
            }
            if (t instanceof KubernetesClientTimeoutException || t instanceof HttpTimeoutException
                    || t instanceof TimeoutException || t instanceof InterruptedIOException) {
                return Reason.TIMEOUT;
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof ClosedChannelException) {
                return Reason.UNAVAILABLE;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Reason.OTHER;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? ": " + root.getClass().getSimpleName()
                : ": " + root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
