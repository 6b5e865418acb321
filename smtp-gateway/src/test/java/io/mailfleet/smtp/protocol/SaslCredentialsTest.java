package io.mailfleet.smtp.protocol;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SaslCredentialsTest {

    @Test
    void plain() {
        assertEquals(new SaslCredentials("u@x", "pw"), SaslCredentials.plain("\0u@x\0pw").orElseThrow());
        assertEquals(new SaslCredentials("u@x", "pw"), SaslCredentials.plain("u@x\0u@x\0pw").orElseThrow());
        assertTrue(SaslCredentials.plain("other@x\0u@x\0pw").isEmpty(), "acting as someone else is not offered");
        assertTrue(SaslCredentials.plain("u@x\0pw").isEmpty());
        assertTrue(SaslCredentials.plain("\0u@x\0").isEmpty());
    }

    @Test
    void xoauth2() {
        assertEquals(new SaslCredentials("u@x", "tok"), SaslCredentials.xoauth2("user=u@x\u0001auth=Bearer tok\u0001\u0001").orElseThrow());
        assertTrue(SaslCredentials.xoauth2("user=u@x\u0001\u0001").isEmpty());
    }

    @Test
    void oauthBearer() {
        assertEquals(new SaslCredentials("u,1@x", "tok"),
                SaslCredentials.oauthBearer("n,a=u=2C1@x,\u0001host=h\u0001auth=Bearer tok\u0001\u0001").orElseThrow());
        assertTrue(SaslCredentials.oauthBearer("y,,\u0001auth=Bearer tok\u0001\u0001").isEmpty());
    }

    @Test
    void base64() {
        assertEquals("", SaslCredentials.decode("=").orElseThrow());
        assertFalse(SaslCredentials.decode("not base64!").isPresent());
        assertFalse(new SaslCredentials("u", "secret").toString().contains("secret"));
    }
}
