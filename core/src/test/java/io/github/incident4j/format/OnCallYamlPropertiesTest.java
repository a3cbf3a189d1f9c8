package io.github.incident4j.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incident4j.oncall.OnCallConfig;
import io.github.incident4j.oncall.ScheduleArbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

@Label("OnCallYaml round trip")
class OnCallYamlPropertiesTest {

    @Provide
    Arbitrary<OnCallConfig> configs() {
        return ScheduleArbitraries.configs();
    }

    @Property(tries = 300)
    @Label("parse(render(c)) equals c for generated configs")
    void roundTrip(@ForAll("configs") OnCallConfig config) {
        assertThat(OnCallYaml.parse(OnCallYaml.render(config))).isEqualTo(config);
    }
}
