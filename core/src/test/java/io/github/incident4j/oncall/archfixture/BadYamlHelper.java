package io.github.incident4j.oncall.archfixture;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Deliberately reads YAML outside {@code format}; only {@code ArchitectureRulesTest} imports it. */
public class BadYamlHelper {

    public Object load(String yaml) {
        return new Load(LoadSettings.builder().build()).loadFromString(yaml);
    }
}
