package org.rightsledger.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.rightsledger.deploy.DeploymentChecks.*;
import static org.rightsledger.deploy.DockerfileChecks.*;
import static org.rightsledger.deploy.ComposeChecks.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
/** What DeploymentChecks asks of Secrets and configuration keys (split out of DeploymentChecks). */
final class SecretChecks {

    private SecretChecks() {
    }

    /** Secrets the pods use: CloudNativePG's application secret, or one with a template in deploy/. */
    static void secretReferences(List<JsonNode> docs) {
        JsonNode container = containerOf(deploymentOf(docs));
        String cnpgSecret = clusterOf(docs).path("metadata").path("name").asText() + "-app";
        Map<String, JsonNode> templates = secretTemplates();
        for (JsonNode e : container.path("env")) {
            JsonNode ref = e.path("valueFrom").path("secretKeyRef");
            if (ref.isMissingNode()) {
                continue;
            }
            String name = ref.path("name").asText();
            String key = ref.path("key").asText();
            if (name.equals(cnpgSecret)) {
                assertTrue(CNPG_APP_SECRET_KEYS.contains(key), cnpgSecret + " has no key " + key);
            } else {
                assertTrue(templates.containsKey(name), "no template (secret.example.yaml) for Secret " + name);
                assertTrue(templates.get(name).path("stringData").has(key) || templates.get(name).path("data").has(key),
                        "the template of " + name + " has no key " + key);
            }
        }
        for (JsonNode from : container.path("envFrom")) {
            if (from.has("secretRef")) {
                String name = from.path("secretRef").path("name").asText();
                assertTrue(templates.containsKey(name), "no template (secret.example.yaml) for Secret " + name);
            }
        }
    }

    static Map<String, JsonNode> secretTemplates() {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (var file : Manifests.yamlFiles()) {
            if (file.getFileName().toString().endsWith(".example.yaml")) {
                for (JsonNode doc : Manifests.documents(file)) {
                    if ("Secret".equals(doc.path("kind").asText())) {
                        out.put(doc.path("metadata").path("name").asText(), doc);
                    }
                }
            }
        }
        return out;
    }

    /** Every variable the container gets is a key the service knows (docs/operations.md, application.properties, code). */
    static void configKeys(List<JsonNode> docs, Map<String, String> knownKeys) {
        JsonNode deployment = deploymentOf(docs);
        List<String> names = new ArrayList<>(config(docs, deployment).keySet());
        containerOf(deployment).path("env").forEach(e -> names.add(e.path("name").asText()));
        for (JsonNode from : containerOf(deployment).path("envFrom")) {
            if (from.has("secretRef")) {
                JsonNode template = secretTemplates().get(from.path("secretRef").path("name").asText());
                if (template != null) {
                    template.path("stringData").fieldNames().forEachRemaining(names::add);
                    template.path("data").fieldNames().forEachRemaining(names::add);
                }
            }
        }
        assertTrue(names.size() > 0, "the container gets no configuration");
        for (String name : names) {
            assertTrue(name.matches("(QUARKUS|LEDGER)_[A-Z0-9_]+"), name + " is not a QUARKUS_* or LEDGER_* key");
            assertTrue(knownKeys.containsKey(name), name + " is not a configuration key the service knows");
        }
    }

    /** No Secret with values is part of a build: secrets are created out of band. */
    static void noSecrets(List<JsonNode> docs) {
        for (JsonNode secret : Manifests.all(docs, "Secret")) {
            fail("the manifests contain the Secret " + secret.path("metadata").path("name").asText()
                    + "; secrets are created out of band (secret.example.yaml)");
        }
    }

    /** A template's values are empty or <placeholders>, never something that could be a real secret. */
    static void secretTemplate(JsonNode secret) {
        assertEquals("Secret", secret.path("kind").asText());
        List<Map.Entry<String, JsonNode>> values = new ArrayList<>();
        secret.path("stringData").fields().forEachRemaining(values::add);
        secret.path("data").fields().forEachRemaining(values::add);
        assertTrue(values.size() > 0, "the template lists no keys");
        for (Map.Entry<String, JsonNode> e : values) {
            placeholder(e.getKey(), e.getValue().asText());
        }
    }

    static void placeholder(String key, String value) {
        String v = value.strip();
        assertTrue(v.isEmpty() || v.matches("<[^<>]*>") || v.matches("\\$\\{[A-Z0-9_]+(:?\\?[^}]*|:?-)?}"),
                key + " holds something that looks like a real value: " + v);
    }
}
