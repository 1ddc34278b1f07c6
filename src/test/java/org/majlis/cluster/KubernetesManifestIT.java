package org.majlis.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The manifests quarkus-kubernetes generates at package time: what a cluster of Majlis nodes needs. */
class KubernetesManifestIT {

    private static final Path MANIFEST = Path.of("target", "kubernetes", "kubernetes.json");

    @Test
    void theDeploymentRunsThreeClusteredNodesWithProbesAndItsSecret() throws Exception {
        assertTrue(Files.exists(MANIFEST), "package generates " + MANIFEST);
        JsonNode list = new ObjectMapper().readTree(MANIFEST.toFile());
        JsonNode deployment = null;
        List<String> kinds = new ArrayList<>();
        for (JsonNode item : list.isArray() ? list : list.path("items")) {
            kinds.add(item.path("kind").asText());
            if ("Deployment".equals(item.path("kind").asText())) {
                deployment = item;
            }
        }
        assertNotNull(deployment, "a Deployment among " + kinds);
        assertTrue(kinds.contains("Service"), kinds::toString);
        assertTrue(!kinds.contains("Job"), "no init Job: every pod migrates under Flyway's lock");
        assertEquals(3, deployment.path("spec").path("replicas").asInt());

        JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
        assertEquals("/q/health/ready", container.path("readinessProbe").path("httpGet").path("path").asText());
        assertEquals("/q/health/live", container.path("livenessProbe").path("httpGet").path("path").asText());
        // health is on the main port; the management port (metrics) is for Prometheus, outside the Service
        int httpPort = 0;
        for (JsonNode port : container.path("ports")) {
            if ("http".equals(port.path("name").asText())) {
                httpPort = port.path("containerPort").asInt();
            }
        }
        for (String probe : List.of("readinessProbe", "livenessProbe")) {
            JsonNode port = container.path(probe).path("httpGet").path("port");
            assertTrue("http".equals(port.asText()) || port.asInt() == httpPort, probe + " on the http port: " + port);
        }
        assertTrue(container.path("resources").path("limits").has("memory"), container.path("resources")::toString);
        assertTrue(container.path("resources").path("requests").has("cpu"), container.path("resources")::toString);

        List<String> secrets = new ArrayList<>();
        List<String> configMaps = new ArrayList<>();
        container.path("envFrom").forEach(source -> {
            if (source.has("secretRef")) {
                secrets.add(source.path("secretRef").path("name").asText());
            }
            if (source.has("configMapRef")) {
                configMaps.add(source.path("configMapRef").path("name").asText());
            }
        });
        assertEquals(List.of("majlis-secrets"), secrets, "the JWT keys and passwords come from a Secret");
        assertEquals(List.of("majlis-config"), configMaps);

        String env = container.path("env").toString();
        assertTrue(env.contains("\"QUARKUS_PROFILE\"") && env.contains("prod,cluster"), env);
        assertTrue(env.contains("MAJLIS_CLUSTER_NODE_NAME") && env.contains("metadata.name"), "the pod name is the node name: " + env);
    }
}
