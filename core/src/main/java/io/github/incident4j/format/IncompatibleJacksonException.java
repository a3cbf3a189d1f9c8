package io.github.incident4j.format;

import io.github.incident4j.Incident4jException;
import org.jspecify.annotations.Nullable;

/**
 * The Jackson on the classpath is too old for incident4j's YAML readers and writers: thrown by the first reader or
 * writer call instead of a {@code NoClassDefFoundError} or {@code NoSuchMethodError} deep inside Jackson. The message
 * names the versions found, the versions needed and the fix; under Spring Boot 3.5's dependency management (which
 * pins the Jackson 2 annotations) the fix is one line in the host's {@code dependencyManagement}:
 *
 * <pre>{@code
 * <dependency>                         <!-- before spring-boot-dependencies -->
 *   <groupId>tools.jackson</groupId>
 *   <artifactId>jackson-bom</artifactId>
 *   <version>3.3.0</version>
 *   <type>pom</type>
 *   <scope>import</scope>
 * </dependency>
 * }</pre>
 */
public final class IncompatibleJacksonException extends Incident4jException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with the full explanation and the linkage error it replaces, if any. */
    public IncompatibleJacksonException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
