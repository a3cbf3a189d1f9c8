package io.github.incident4j.cyclea;

/** Half of a deliberate package cycle for ArchitectureRulesTest. */
public class A {
    public io.github.incident4j.cycleb.B partner() {
        return new io.github.incident4j.cycleb.B();
    }
}
