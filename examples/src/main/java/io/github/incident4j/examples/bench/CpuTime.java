package io.github.incident4j.examples.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The CPU time a single-shot benchmark iteration costs its JVM (all threads: the benchmark's, Quartz's
 * workers, the garbage collector and the JIT compiler), next to JMH's wall-clock score. On a machine shared
 * with other work, wall-clock time includes waiting for a CPU, and a program with more threads gets a bigger
 * share of the CPUs; CPU time shows what the work itself costs. Measurement iterations are appended to the
 * file named by the system property {@value #PROPERTY} (which {@link BenchmarkTable} sets) as
 * {@code benchmark<TAB>nanoseconds}; nothing is written when it is not set.
 */
final class CpuTime {

    static final String PROPERTY = "bench.cpuLog";

    private long start;

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Call last in the iteration's setup. */
    void start() {
        start = processCpuNanos();
    }

    /** Call first in the iteration's teardown. */
    void stop(String benchmark, IterationParams iteration) {
        long used = processCpuNanos() - start;
        String file = System.getProperty(PROPERTY);
        if (file == null || iteration.getType() != IterationType.MEASUREMENT) {
            return;
        }
        try {
            Files.writeString(Path.of(file), benchmark + "\t" + used + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
