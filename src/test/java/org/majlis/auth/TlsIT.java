package org.majlis.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.PemTrustOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.majlis.testing.Json;
import org.majlis.testing.ServerProcess;
import org.majlis.testing.TestClient;

/** wss:// with a certificate from configuration: a self-signed one made here, trusted by a real client. */
class TlsIT {

    private static final String PASSWORD = "changeit-tls-test";

    @Test
    void chatOverTls() throws Exception {
        Path data = ServerProcess.tempDir("tls-");
        Path keystore = data.resolve("server.p12");
        Path certificate = data.resolve("server.pem");
        keytool("-genkeypair", "-alias", "majlis", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "majlis", "-keystore", keystore.toString(), "-storepass", PASSWORD,
                "-file", certificate.toString());
        int tlsPort = ServerProcess.freePort();
        try (ServerProcess server = ServerProcess.start(data, data.resolve("server.log"),
                "-Dquarkus.tls.key-store.p12.path=" + keystore, "-Dquarkus.tls.key-store.p12.password=" + PASSWORD,
                "-Dquarkus.http.ssl-port=" + tlsPort)) {
            URI wss = URI.create("wss://localhost:" + tlsPort + "/ws");
            WebSocketClientOptions trustThatCertificate = new WebSocketClientOptions()
                    .setTrustOptions(new PemTrustOptions().addCertPath(certificate.toString()));
            try (TestClient client = TestClient.connect(wss, new WebSocketConnectOptions(), trustThatCertificate)) {
                client.send("login", null, Json.object("username", "secure"));
                assertEquals("secure", client.await("welcome").path("payload").path("username").asText());
                client.send("send_message", "t1", Json.object("message", "over TLS"));
                assertEquals("over TLS", client.await("new_message").path("payload").path("message").asText());
                assertEquals("t1", client.await("ack").path("payload").path("ref").asText());
            }
        }
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
    }
}
