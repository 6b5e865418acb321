package io.mailfleet.imap;

import io.mailfleet.imap.support.DirectoryServerResource;
import io.mailfleet.imap.support.ImapTranscript;
import io.mailfleet.testing.KafkaResource;
import io.mailfleet.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Properties;

import static io.mailfleet.imap.ImapProtocolTest.last;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AUTHENTICATE / AUTH with OAuth 2.0 bearer tokens (RFC 7628 OAUTHBEARER and XOAUTH2), IMAP and POP3, raw and through Angus Mail. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(DirectoryServerResource.class)
class OAuthAuthenticationTest {

    /** RFC 7628 3.2.2's error, as the server sends it in the continuation after a refused token. */
    private static final String ERROR_CHALLENGE = "+ " + base64("{\"status\":\"invalid_token\",\"schemes\":\"bearer\",\"scope\":\"email\"}");

    @Inject
    MailAccessListeners listeners;

    static String xoauth2(String user, String token) {
        return base64("user=" + user + "\u0001auth=Bearer " + token + "\u0001\u0001");
    }

    static String oauthBearer(String user, String token) {
        return base64("n,a=" + user + ",\u0001host=127.0.0.1\u0001port=993\u0001auth=Bearer " + token + "\u0001\u0001");
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void imapOffersBothMechanismsOnlyAfterTls() throws IOException {
        try (ImapTranscript imap = ImapTranscript.connect(listeners.boundPort("imap"))) {
            assertThat(imap.line()).doesNotContain("AUTH=");
            assertThat(last(imap.command("AUTHENTICATE XOAUTH2 " + xoauth2("a@b.example", "t")))).startsWith("t1 NO [PRIVACYREQUIRED]");
        }
        try (ImapTranscript imap = ImapTranscript.connectTls(listeners.boundPort("imaps"))) {
            assertThat(imap.line()).contains("AUTH=PLAIN", "AUTH=OAUTHBEARER", "AUTH=XOAUTH2", "SASL-IR");
        }
    }

    @Test
    void imapXoauth2WithInitialResponseAndTheErrorChallenge() throws IOException {
        DirectoryServerResource.Account account = DirectoryServerResource.newAccount("xoauth");
        String token = DirectoryServerResource.issueToken(account);
        try (ImapTranscript imap = ImapTranscript.connectTls(listeners.boundPort("imaps"))) {
            imap.line();
            // the account's password is no bearer token: error challenge, the client's empty response, then NO
            imap.send("a1 AUTHENTICATE XOAUTH2 " + xoauth2(account.username(), account.password()) + "\r\n");
            assertThat(imap.line()).isEqualTo(ERROR_CHALLENGE);
            imap.send("\r\n");
            assertThat(imap.line()).isEqualTo("a1 NO [AUTHENTICATIONFAILED] invalid credentials");
            assertThat(last(imap.command("AUTHENTICATE XOAUTH2 " + base64("user=" + account.username() + "\u0001\u0001"))))
                    .isEqualTo("t1 BAD invalid SASL XOAUTH2 response");
            assertThat(last(imap.command("AUTHENTICATE XOAUTH2 " + xoauth2(account.username(), token))))
                    .matches("t2 OK \\[CAPABILITY .*\\] XOAUTH2 completed.");
            assertThat(last(imap.command("SELECT INBOX"))).contains("OK [READ-WRITE]");
        }
        assertThat(DirectoryServerResource.checks()).anyMatch(check -> check.getString("username").equals(account.username())
                && check.getString("mechanism").equals("XOAUTH2") && check.getString("protocol").equals("imap"));
    }

    @Test
    void imapOauthBearerAfterAContinuationAndRefusal() throws IOException {
        DirectoryServerResource.Account account = DirectoryServerResource.newAccount("bearer");
        String token = DirectoryServerResource.issueToken(account);
        try (ImapTranscript imap = ImapTranscript.connectTls(listeners.boundPort("imaps"))) {
            imap.line();
            imap.send("t1 AUTHENTICATE OAUTHBEARER " + oauthBearer(account.username(), "not-" + token) + "\r\n");
            assertThat(imap.line()).isEqualTo(ERROR_CHALLENGE);
            imap.send(base64("\u0001") + "\r\n"); // RFC 7628 3.2.3: the client's dummy %x01
            assertThat(imap.line()).isEqualTo("t1 NO [AUTHENTICATIONFAILED] invalid credentials");
            // without SASL-IR: an empty continuation first
            imap.send("t2 AUTHENTICATE OAUTHBEARER\r\n");
            assertThat(imap.line()).isEqualTo("+ ");
            imap.send(oauthBearer(account.username(), token) + "\r\n");
            assertThat(imap.line()).matches("t2 OK \\[CAPABILITY .*\\] OAUTHBEARER completed.");
        }
        try (ImapTranscript imap = ImapTranscript.connectTls(listeners.boundPort("imaps"))) {
            imap.line();
            // the authzid names the user: a token without one is malformed here
            assertThat(last(imap.command("AUTHENTICATE OAUTHBEARER " + base64("n,,\u0001auth=Bearer " + token + "\u0001\u0001"))))
                    .isEqualTo("t1 BAD invalid SASL OAUTHBEARER response");
            assertThat(last(imap.command("AUTHENTICATE OAUTHBEARER " + base64("not a bearer response")))).isEqualTo("t2 BAD invalid SASL OAUTHBEARER response");
        }
    }

    @Test
    void pop3BearerMechanisms() throws IOException {
        DirectoryServerResource.Account account = DirectoryServerResource.newAccount("pop3bearer");
        String token = DirectoryServerResource.issueToken(account);
        try (ImapTranscript pop3 = ImapTranscript.connectTls(listeners.boundPort("pop3s"))) {
            assertThat(pop3.line()).startsWith("+OK");
            pop3.send("AUTH\r\n");
            assertThat(pop3.line()).startsWith("+OK");
            assertThat(pop3.line()).isEqualTo("PLAIN");
            assertThat(pop3.line()).isEqualTo("OAUTHBEARER");
            assertThat(pop3.line()).isEqualTo("XOAUTH2");
            assertThat(pop3.line()).isEqualTo(".");
            pop3.send("AUTH XOAUTH2 " + xoauth2(account.username(), "wrong") + "\r\n");
            assertThat(pop3.line()).isEqualTo(ERROR_CHALLENGE);
            pop3.send("\r\n");
            assertThat(pop3.line()).isEqualTo("-ERR [AUTH] invalid credentials");
            pop3.send("AUTH OAUTHBEARER " + oauthBearer(account.username(), token) + "\r\n");
            assertThat(pop3.line()).isEqualTo("+OK 0 messages (0 octets)");
        }
        assertThat(DirectoryServerResource.checks()).anyMatch(check -> check.getString("username").equals(account.username())
                && check.getString("mechanism").equals("OAUTHBEARER") && check.getString("protocol").equals("pop3"));
    }

    @Test
    void angusMailLogsInWithXoauth2OverImapAndPop3() throws Exception {
        DirectoryServerResource.Account account = DirectoryServerResource.newAccount("angusoauth");
        String token = DirectoryServerResource.issueToken(account);
        for (String protocol : new String[] {"imaps", "pop3s"}) {
            Session session = bearerSession(protocol, listeners.boundPort(protocol));
            try (Store store = session.getStore(protocol)) {
                store.connect(account.username(), token);
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                assertThat(inbox.getMessageCount()).isZero();
                inbox.close(false);
            }
        }
        // refusal through Angus only over IMAP: its POP3 store takes RFC 7628's error challenge for the end of the
        // exchange and reports success (the refusal path of POP3 is in pop3BearerMechanisms)
        try (Store store = bearerSession("imaps", listeners.boundPort("imaps")).getStore("imaps")) {
            assertThatThrownBy(() -> store.connect(account.username(), account.password()))
                    .isInstanceOf(AuthenticationFailedException.class);
        }
    }

    private static Session bearerSession(String protocol, int port) {
        Properties properties = new Properties();
        properties.put("mail." + protocol + ".host", "127.0.0.1");
        properties.put("mail." + protocol + ".port", String.valueOf(port));
        properties.put("mail." + protocol + ".ssl.trust", "*");
        properties.put("mail." + protocol + ".ssl.checkserveridentity", "false");
        properties.put("mail." + protocol + ".connectiontimeout", "10000");
        properties.put("mail." + protocol + ".timeout", "10000");
        properties.put("mail." + protocol + ".auth.mechanisms", "XOAUTH2");
        // Angus Mail's POP3 store sends no AUTH XOAUTH2 unless told (its IMAP store follows the capability)
        properties.put("mail." + protocol + ".auth.xoauth2.disable", "false");
        return Session.getInstance(properties);
    }
}
