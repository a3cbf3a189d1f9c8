package io.github.incident4j.stack;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits on a condition with a deadline (never a fixed sleep): polls every few milliseconds until it holds. */
public final class Await {

    private Await() {
    }

    /** Waits until the condition holds, or fails naming it when the deadline passes. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting until " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what, e);
            }
        }
    }

    /** Waits until the supplier gives a non-null value, and returns it. */
    public static <T> T value(String what, Duration timeout, Supplier<T> supplier) {
        Object[] box = new Object[1];
        until(what, timeout, () -> (box[0] = supplier.get()) != null);
        @SuppressWarnings("unchecked")
        T t = (T) box[0];
        return t;
    }
}
