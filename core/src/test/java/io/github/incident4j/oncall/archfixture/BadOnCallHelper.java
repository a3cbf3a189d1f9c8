package io.github.incident4j.oncall.archfixture;

import java.sql.DriverManager;
import java.time.Instant;
import java.util.logging.Logger;
import tools.jackson.databind.ObjectMapper;

/** Deliberately breaks every architecture rule; only {@code ArchitectureRulesTest} imports it. */
public class BadOnCallHelper {

    private static final Logger LOG = Logger.getLogger("bad");

    public String everythingWrong(String name) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        System.out.println(mapper.writeValueAsString(name));
        LOG.info("now " + Instant.now() + " " + System.currentTimeMillis());
        if (name.isEmpty()) {
            DriverManager.getConnection("jdbc:none");
            throw new RuntimeException("generic");
        }
        return name.toLowerCase();
    }
}
