package dev.ailib.testkit.tck;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away self-signed certificate for 127.0.0.1 (made with the JDK's {@code keytool}), as a server TLS
 * context and as a client context that trusts exactly that certificate.
 *
 * @param server the server's context
 * @param trustingClient a client context that trusts the certificate
 */
public record TckTls(SSLContext server, SSLContext trustingClient) {
  private static final char[] PASSWORD = "tck-password".toCharArray();

  /**
   * Makes a certificate, or returns empty when {@code keytool} is not available (a JRE without tools).
   *
   * @return the contexts
   * @throws IOException when keytool fails
   * @throws GeneralSecurityException when the key store cannot be read
   */
  public static Optional<TckTls> create() throws IOException, GeneralSecurityException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    if (!Files.isExecutable(keytool)) {
      return Optional.empty();
    }
    Path dir = Files.createTempDirectory("tck-tls");
    Path store = dir.resolve("server.p12");
    try {
      Process p = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "tck", "-keyalg", "EC",
          "-groupname", "secp256r1", "-validity", "2", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1",
          "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", new String(PASSWORD)))
          .redirectErrorStream(true).start();
      String output;
      try (InputStream out = p.getInputStream()) {
        output = new String(out.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      }
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("keytool did not finish within 60 s");
      }
      if (p.exitValue() != 0) {
        throw new IOException("keytool failed with exit code " + p.exitValue() + ": " + output);
      }
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        ks.load(in, PASSWORD);
      }
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, PASSWORD);
      SSLContext server = SSLContext.getInstance("TLS");
      server.init(kmf.getKeyManagers(), null, null);

      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("tck", ks.getCertificate("tck"));
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext client = SSLContext.getInstance("TLS");
      client.init(null, tmf.getTrustManagers(), null);
      return Optional.of(new TckTls(server, client));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running keytool", e);
    } finally {
      Files.deleteIfExists(store);
      Files.deleteIfExists(dir);
    }
  }
}
