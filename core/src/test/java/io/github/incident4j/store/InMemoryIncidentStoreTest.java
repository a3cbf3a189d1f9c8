package io.github.incident4j.store;

import io.github.incident4j.spi.IncidentStore;
import io.github.incident4j.spi.kit.IncidentStoreCompatibilityKit;

/** The embedded store passes the store compatibility kit. */
class InMemoryIncidentStoreTest extends IncidentStoreCompatibilityKit {

    @Override
    protected IncidentStore createStore() {
        return new InMemoryIncidentStore();
    }
}
