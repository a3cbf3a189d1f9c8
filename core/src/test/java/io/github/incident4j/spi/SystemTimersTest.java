package io.github.incident4j.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("System timers")
class SystemTimersTest {

    @Test
    @DisplayName("run a task due in the past at once, and never run a cancelled one")
    void runsAndCancels() throws Exception {
        try (SystemTimers timers = SystemTimers.startDaemon()) {
            AtomicBoolean cancelledRan = new AtomicBoolean();
            Timers.Scheduled later = timers.schedule(timers.clock().instant().plus(Duration.ofHours(1)),
                    () -> cancelledRan.set(true));
            later.cancel();
            CountDownLatch ran = new CountDownLatch(1);
            timers.schedule(timers.clock().instant().minusSeconds(5), ran::countDown);
            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(cancelledRan).isFalse();
        }
    }

    @Test
    @DisplayName("leave a host-supplied scheduler running when closed")
    void hostSchedulerStays() {
        ScheduledExecutorService host = Executors.newSingleThreadScheduledExecutor();
        try {
            SystemTimers.on(host).close();
            assertThat(host.isShutdown()).isFalse();
        } finally {
            host.shutdownNow();
        }
    }

    @Test
    @DisplayName("a cancelled task leaves nothing on a host's scheduler, which then shuts down at once")
    void cancelledLeavesNothing() throws Exception {
        ScheduledExecutorService host = Executors.newSingleThreadScheduledExecutor();
        try {
            SystemTimers timers = SystemTimers.on(host);
            timers.schedule(timers.clock().instant().plus(Duration.ofHours(1)), () -> { }).cancel();
            host.shutdown();
            assertThat(host.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            host.shutdownNow();
        }
    }
}
