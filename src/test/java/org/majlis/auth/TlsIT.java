package org.majlis.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.PemTrustOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
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
                client.awaitAck("t1");
            }
            assertEquals(Optional.of("max-age=31536000"), get(URI.create("https://localhost:" + tlsPort + "/"), keystore)
                    .headers().firstValue("Strict-Transport-Security"), "HSTS over https");
            assertEquals(Optional.empty(), get(URI.create(server.base() + "/"), keystore)
                    .headers().firstValue("Strict-Transport-Security"), "no HSTS over plain http");
        }
    }

    /** A GET with a client that trusts the test's own certificate. */
    private static HttpResponse<Void> get(URI uri, Path keystore) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(keystore)) {
            trusted.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).build()
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());
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
