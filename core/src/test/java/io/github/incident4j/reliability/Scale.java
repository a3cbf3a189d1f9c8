package io.github.incident4j.reliability;

/**
 * How big the reliability runs are: the default build runs scaled-down versions (the whole package in well
 * under a minute on a busy 2-core machine); {@code -Dreliability.scale=full} runs the sizes the issue asks for.
 */
final class Scale {

    private Scale() {
    }

    /** Whether {@code -Dreliability.scale=full} was given. */
    static boolean full() {
        return "full".equals(System.getProperty("reliability.scale"));
    }

    /** {@code small} in the default build, {@code large} with {@code -Dreliability.scale=full}. */
    static int pick(int small, int large) {
        return full() ? large : small;
    }
}
