package org.majlis.container;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.majlis.testing.TestClient;

/**
 * What {@code podman kube play} (4.3) is given: the generated manifest and the example ConfigMap
 * and Secret, changed only where one machine and podman differ from a Kubernetes cluster: the
 * ConfigMap names this machine's PostgreSQL and Redis (as the pod reaches them), one replica
 * whose http port is published on 127.0.0.1, no {@code metadata.namespace} field reference
 * (podman has no namespaces), and the Secret as podman takes it: a secret of its own holding a
 * JSON object of base64 values.
 */
record KubePlay(String yaml, String secretName, String secretJson) {

    private static final String HOST = "10.0.2.2";

    static KubePlay of(String manifest, Path examples, int hostPort) throws Exception {
        StringBuilder configMap = new StringBuilder();
        String secretName = null;
        Map<String, String> secret = new LinkedHashMap<>();
        for (String document : Files.readString(examples).split("\n---\n")) {
            if (document.contains("\nkind: Secret")) {
                secretName = group(document, "\n  name: (\\S+)");
                Matcher entry = Pattern.compile("\n  ([A-Z0-9_]+): (\\S+)").matcher(document.substring(document.indexOf("stringData:")));
                while (entry.find()) {
                    secret.put(entry.group(1), Base64.getEncoder().encodeToString(entry.group(2).getBytes(StandardCharsets.UTF_8)));
                }
            } else {
                configMap.append(document.replaceAll("jdbc:postgresql://[^\\s]+", "jdbc:postgresql://" + HOST + ":5432/test")
                        .replaceAll("QUARKUS_DATASOURCE_PG_USERNAME: \\S+", "QUARKUS_DATASOURCE_PG_USERNAME: postgres")
                        .replaceAll("redis://[^\\s]+", "redis://" + HOST + ":6379"));
            }
        }
        String deployment = manifest
                .replaceAll("\n( *)- name: KUBERNETES_NAMESPACE\n\\1  valueFrom:\n\\1    fieldRef:\n\\1      fieldPath: metadata.namespace", "")
                .replaceAll("replicas: \\d+", "replicas: 1")
                .replaceFirst("\n( *)- containerPort: 8080\n", "\n$1- containerPort: 8080\n$1  hostIP: 127.0.0.1\n$1  hostPort: " + hostPort + "\n");
        return new KubePlay(configMap + "\n---\n" + deployment, secretName, TestClient.JSON.writeValueAsString(secret));
    }

    private static String group(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        if (!matcher.find()) {
            throw new IllegalArgumentException("no " + regex + " in " + text);
        }
        return matcher.group(1);
    }
}
