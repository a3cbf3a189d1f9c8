/** Deliberately bad classes that {@code ArchitectureRulesTest} checks the rules against. */
@NullMarked
package io.github.incident4j.incident.archfixture;

import org.jspecify.annotations.NullMarked;
