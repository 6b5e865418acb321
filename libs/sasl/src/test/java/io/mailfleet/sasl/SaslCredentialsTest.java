package io.mailfleet.sasl;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SaslCredentialsTest {

    @Test
    void plain() {
        assertEquals(SaslCredentials.of("u@x", "pw"), SaslCredentials.plain("\0u@x\0pw").orElseThrow());
        SaslCredentials self = SaslCredentials.plain("u@x\0u@x\0pw").orElseThrow();
        assertEquals("u@x", self.username());
        assertFalse(self.impersonates());
        assertTrue(SaslCredentials.plain("other@x\0u@x\0pw").orElseThrow().impersonates(), "acting as someone else");
        assertTrue(SaslCredentials.plain("u@x\0pw").isEmpty());
        assertTrue(SaslCredentials.plain("\0u@x\0").isEmpty());
        assertTrue(SaslCredentials.plain("\0\0pw").isEmpty());
    }

    @Test
    void xoauth2() {
        assertEquals(SaslCredentials.of("u@x", "tok"), SaslCredentials.xoauth2("user=u@x\u0001auth=Bearer tok\u0001\u0001").orElseThrow());
        assertTrue(SaslCredentials.xoauth2("user=u@x\u0001\u0001").isEmpty());
        assertTrue(SaslCredentials.xoauth2("auth=Bearer tok\u0001\u0001").isEmpty());
    }

    @Test
    void oauthBearer() {
        assertEquals(SaslCredentials.of("u,1@x", "tok"),
                SaslCredentials.oauthBearer("n,a=u=2C1@x,\u0001host=h\u0001auth=Bearer tok\u0001\u0001").orElseThrow());
        assertEquals(SaslCredentials.of("u@x", "tok"), SaslCredentials.oauthBearer("y,a=u@x,\u0001auth=bearer tok\u0001\u0001").orElseThrow());
        assertTrue(SaslCredentials.oauthBearer("y,,\u0001auth=Bearer tok\u0001\u0001").isEmpty(), "the user must be named");
        assertTrue(SaslCredentials.oauthBearer("p=tls-unique,a=u@x,\u0001auth=Bearer tok\u0001\u0001").isEmpty(), "no channel binding");
    }

    @Test
    void base64() {
        assertEquals("", SaslCredentials.decode("=").orElseThrow());
        assertEquals("\0u\0p", SaslCredentials.decode(" AHUAcA== ").orElseThrow());
        assertFalse(SaslCredentials.decode("not base64!").isPresent());
        assertFalse(SaslCredentials.of("u", "secret").toString().contains("secret"));
    }

    @Test
    void mechanisms() {
        assertEquals(SaslMechanism.OAUTHBEARER, SaslMechanism.of("oauthbearer").orElseThrow());
        assertTrue(SaslMechanism.of("CRAM-MD5").isEmpty());
        assertTrue(SaslMechanism.XOAUTH2.bearer());
        assertFalse(SaslMechanism.PLAIN.bearer());
        assertEquals(SaslCredentials.of("u", "p"), SaslMechanism.PLAIN.credentials("\0u\0p").orElseThrow());
        assertThrows(UnsupportedOperationException.class, () -> SaslMechanism.LOGIN.credentials("u"));
    }
}
