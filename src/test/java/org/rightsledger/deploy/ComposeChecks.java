package org.rightsledger.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rightsledger.deploy.DeploymentChecks.*;
import static org.rightsledger.deploy.SecretChecks.*;
import static org.rightsledger.deploy.DockerfileChecks.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
/** What the Compose file must satisfy (split out of DeploymentChecks). */
final class ComposeChecks {

    private ComposeChecks() {
    }

    /** PostgreSQL with a pg_isready healthcheck, and the service built from the Dockerfile starting after it. */
    static void compose(JsonNode compose, java.nio.file.Path composeDir, Map<String, String> knownKeys) {
        JsonNode services = compose.path("services");
        String db = null;
        String app = null;
        for (Iterator<String> it = services.fieldNames(); it.hasNext();) {
            String name = it.next();
            JsonNode service = services.path(name);
            if (service.path("image").asText().startsWith("postgres:")) {
                db = name;
            }
            if (service.has("build")) {
                app = name;
            }
        }
        assertNotNull(db, "compose needs a postgres service");
        assertNotNull(app, "compose needs the service built from the Dockerfile");
        JsonNode postgres = services.path(db);
        assertTrue(postgres.path("image").asText().matches("postgres:15\\.\\d+.*"),
                "PostgreSQL must be a pinned 15.x image, is " + postgres.path("image"));
        assertTrue(postgres.path("healthcheck").path("test").toString().contains("pg_isready"),
                "the postgres service needs a pg_isready healthcheck");
        assertTrue(postgres.path("volumes").size() > 0, "the database needs a volume");
        JsonNode service = services.path(app);
        assertEquals("service_healthy", service.path("depends_on").path(db).path("condition").asText(),
                "the service must wait until the database is healthy");
        JsonNode build = service.path("build");
        java.nio.file.Path context = composeDir.resolve(build.path("context").asText(".")).normalize();
        assertTrue(java.nio.file.Files.isRegularFile(context.resolve(build.path("dockerfile").asText("Dockerfile"))),
                "compose builds from a Dockerfile that does not exist: " + build);
        assertTrue(service.path("ports").toString().contains("8080"), "the service must publish port 8080");
        Map<String, String> env = composeEnvironment(service);
        assertTrue(env.containsKey("QUARKUS_DATASOURCE_JDBC_URL"), "the service needs QUARKUS_DATASOURCE_JDBC_URL");
        assertTrue(env.get("QUARKUS_DATASOURCE_JDBC_URL").contains("//" + db + ":"), "the service must connect to the " + db + " service");
        assertTrue(env.containsKey("LEDGER_ADMIN_TOKEN"), "the service should take LEDGER_ADMIN_TOKEN from the environment");
        for (Map.Entry<String, String> e : env.entrySet()) {
            assertTrue(knownKeys.containsKey(e.getKey()), e.getKey() + " is not a configuration key the service knows");
        }
        for (String name : List.of(db, app)) {
            composeEnvironment(services.path(name)).forEach((key, value) -> {
                if (key.matches(".*(PASSWORD|TOKEN|SECRET|SIGNING_KEY).*")) {
                    placeholder(name + "." + key, value);
                }
            });
        }
    }

    static Map<String, String> composeEnvironment(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode environment = service.path("environment");
        if (environment.isArray()) {
            for (JsonNode e : environment) {
                String s = e.asText();
                env.put(s.contains("=") ? s.substring(0, s.indexOf('=')) : s, s.contains("=") ? s.substring(s.indexOf('=') + 1) : "");
            }
        } else {
            environment.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        }
        return env;
    }
}
