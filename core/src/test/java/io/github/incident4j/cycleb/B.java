package io.github.incident4j.cycleb;

/** The other half of a deliberate package cycle for ArchitectureRulesTest. */
public class B {
    public io.github.incident4j.cyclea.A partner() {
        return new io.github.incident4j.cyclea.A();
    }
}
