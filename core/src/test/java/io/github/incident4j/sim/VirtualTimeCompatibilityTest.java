package io.github.incident4j.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.spi.Timers;
import io.github.incident4j.spi.kit.EngineFixtures;
import io.github.incident4j.spi.kit.TimersCompatibilityKit;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.DisplayName;

@DisplayName("VirtualTime passes the Timers compatibility kit")
class VirtualTimeCompatibilityTest extends TimersCompatibilityKit {

    @Override
    protected Timers createTimers() {
        return VirtualTime.startingAt(EngineFixtures.T0);
    }

    @Override
    protected void await(CountDownLatch done, Instant lastDue) {
        ((VirtualTime) timers).advanceTo(lastDue);
        assertThat(done.getCount()).as("tasks run by the time virtual time reaches %s", lastDue).isZero();
    }
}
