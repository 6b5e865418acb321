package io.mailfleet.tls;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SelfSignedCertificateTest {

    @Test
    void namesTheHostAndTheLoopbackAddresses() throws Exception {
        var pem = SelfSignedCertificate.generate("mx.example.test");
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getCertValue().getBytes()));
        List<String> names = certificate.getSubjectAlternativeNames().stream().map(name -> String.valueOf(name.get(1))).toList();
        assertTrue(names.containsAll(List.of("mx.example.test", "localhost", "127.0.0.1")), names.toString());
        assertEquals("CN=mx.example.test", certificate.getSubjectX500Principal().getName());
        certificate.checkValidity();
        assertTrue(pem.getKeyValue().toString().startsWith("-----BEGIN PRIVATE KEY-----"));
    }
}
