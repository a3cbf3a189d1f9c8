package io.github.incident4j.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.spi.kit.TimersCompatibilityKit;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;

@DisplayName("SystemTimers pass the Timers compatibility kit")
class SystemTimersCompatibilityTest extends TimersCompatibilityKit {

    @Override
    protected Timers createTimers() {
        return SystemTimers.startDaemon();
    }

    @Override
    protected void await(CountDownLatch done, Instant lastDue) throws InterruptedException {
        assertThat(done.await(30, TimeUnit.SECONDS)).as("tasks run within 30 s of being due").isTrue();
    }

    @Override
    protected void release(Timers used) {
        ((SystemTimers) used).close();
    }
}
