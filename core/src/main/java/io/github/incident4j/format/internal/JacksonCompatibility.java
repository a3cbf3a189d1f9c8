package io.github.incident4j.format.internal;

import io.github.incident4j.format.IncompatibleJacksonException;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Checks, once, that the Jackson on the classpath can run the YAML readers and writers, before any of them touches a
 * Jackson class. Hosts' dependency management decides which Jackson they get (Spring Boot 3.5 pins the Jackson 2
 * annotations at 2.19; Spring Boot 4.0 manages Jackson 3.1), so a too-old version must fail with a message that says
 * what to change, not with a linkage error in a parser.
 *
 * <p>The rules: Jackson 3 (the {@code tools.jackson} artifacts) at {@value #MINIMUM_JACKSON} or later, core, databind
 * and the YAML format on the same minor version, and the Jackson 2 annotations Jackson 3.m is built on, {@code 2.(20+m)}
 * or later. Versions are read from the jars' Maven metadata, so the check itself loads no Jackson class. A short
 * read and write of YAML then proves the combination, turning any {@link LinkageError} into the same exception.
 */
public final class JacksonCompatibility {

    /** The oldest Jackson 3 the readers are compiled and tested against. */
    public static final String MINIMUM_JACKSON = "3.0.0";
    /** The Jackson 3 this build of incident4j was built with (what its POM asks for). */
    public static final String BUILT_WITH = "3.3.0";

    private static final String FIX = "Fix: import tools.jackson:jackson-bom:" + BUILT_WITH
            + " (type pom, scope import) in your dependencyManagement BEFORE spring-boot-dependencies, or pin "
            + "com.fasterxml.jackson.core:jackson-annotations to the version named above";

    private static volatile boolean verified;

    private JacksonCompatibility() {
    }

    /**
     * Returns at once when the check has passed before; otherwise checks.
     *
     * @throws IncompatibleJacksonException naming the versions found and needed, and the fix
     */
    public static void require() {
        if (!verified) {
            synchronized (JacksonCompatibility.class) {
                if (!verified) {
                    check(found(JacksonCompatibility.class.getClassLoader()));
                    probe();
                    verified = true;
                }
            }
        }
    }

    /**
     * What is wrong with these versions (artifact -> version, {@code null} when the artifact is missing), if
     * anything: the message of the exception {@link #require()} would throw.
     */
    static Optional<String> problem(Map<String, @Nullable String> found) {
        String core = found.get("tools.jackson.core:jackson-core");
        String databind = found.get("tools.jackson.core:jackson-databind");
        String yaml = found.get("tools.jackson.dataformat:jackson-dataformat-yaml");
        String annotations = found.get("com.fasterxml.jackson.core:jackson-annotations");
        StringBuilder why = new StringBuilder();
        int[] minimum = parse(MINIMUM_JACKSON);
        for (Map.Entry<String, @Nullable String> e : found.entrySet()) {
            if (e.getValue() == null && !e.getKey().startsWith("com.fasterxml")) {
                why.append("; ").append(e.getKey()).append(" is not on the classpath");
            }
        }
        if (databind != null) {
            int[] d = parse(databind);
            if (compare(d, minimum) < 0) {
                why.append("; jackson-databind ").append(databind).append(" is older than ").append(MINIMUM_JACKSON);
            }
            for (String[] other : new String[][] {{"jackson-core", core}, {"jackson-dataformat-yaml", yaml}}) {
                if (other[1] != null && !sameMinor(parse(other[1]), d)) {
                    why.append("; ").append(other[0]).append(' ').append(other[1])
                            .append(" does not match jackson-databind ").append(databind);
                }
            }
            if (d[0] == 3) {
                String needed = "2." + (20 + d[1]);
                if (annotations == null) {
                    why.append("; com.fasterxml.jackson.core:jackson-annotations is not on the classpath (Jackson ")
                            .append(databind).append(" needs ").append(needed).append(" or later)");
                } else if (compare(parse(annotations), parse(needed)) < 0) {
                    why.append("; jackson-annotations ").append(annotations).append(" is too old: Jackson ")
                            .append(databind).append(" needs ").append(needed).append(" or later");
                }
            }
        }
        if (why.length() == 0) {
            return Optional.empty();
        }
        return Optional.of("incident4j's YAML readers cannot run with the Jackson on the classpath (found: "
                + describe(found) + ")" + why + ". They need Jackson " + MINIMUM_JACKSON
                + " or later with jackson-annotations 2.(20+minor); incident4j was built with Jackson " + BUILT_WITH
                + ". " + FIX + ".");
    }

    private static void check(Map<String, @Nullable String> found) {
        Optional<String> problem = problem(found);
        if (problem.isPresent()) {
            throw new IncompatibleJacksonException(problem.get(), null);
        }
    }

    /** Reads and writes a little YAML; a linkage error means a mix the version rules did not catch. */
    private static void probe() {
        try {
            tools.jackson.dataformat.yaml.YAMLMapper mapper = tools.jackson.dataformat.yaml.YAMLMapper.builder().build();
            Object tree = mapper.readValue("a: [1, 'two']\n", Map.class);
            mapper.writeValueAsString(tree);
        } catch (LinkageError e) {
            throw new IncompatibleJacksonException("incident4j's YAML readers cannot run with the Jackson on the "
                    + "classpath (found: " + describe(found(JacksonCompatibility.class.getClassLoader())) + "): "
                    + e + ". " + FIX + ".", e);
        }
    }

    /** The versions of the Jackson artifacts visible to {@code loader}, {@code null} for a missing one. */
    static Map<String, @Nullable String> found(@Nullable ClassLoader loader) {
        Map<String, @Nullable String> versions = new LinkedHashMap<>();
        for (String ga : new String[] {"tools.jackson.core:jackson-core", "tools.jackson.core:jackson-databind",
                "tools.jackson.dataformat:jackson-dataformat-yaml", "com.fasterxml.jackson.core:jackson-annotations"}) {
            versions.put(ga, version(loader, ga));
        }
        return versions;
    }

    private static @Nullable String version(@Nullable ClassLoader loader, String groupArtifact) {
        String[] ga = groupArtifact.split(":");
        String path = "META-INF/maven/" + ga[0] + "/" + ga[1] + "/pom.properties";
        ClassLoader l = loader == null ? ClassLoader.getSystemClassLoader() : loader;
        try (InputStream in = l.getResourceAsStream(path)) {
            if (in == null) {
                return null;
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            return null;
        }
    }

    private static String describe(Map<String, @Nullable String> found) {
        StringBuilder b = new StringBuilder();
        found.forEach((ga, v) -> b.append(b.length() == 0 ? "" : ", ").append(ga.substring(ga.indexOf(':') + 1))
                .append(' ').append(v == null ? "missing" : v));
        return b.toString();
    }

    /** major, minor, patch of {@code 2.19.2}, {@code 2.20}, {@code 3.1.4-SNAPSHOT}; missing parts are 0. */
    static int[] parse(String version) {
        int[] out = new int[3];
        String[] parts = version.split("[.-]");
        for (int i = 0; i < 3 && i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                break;
            }
        }
        return out;
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < 3; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }

    private static boolean sameMinor(int[] a, int[] b) {
        return a[0] == b[0] && a[1] == b[1];
    }
}
