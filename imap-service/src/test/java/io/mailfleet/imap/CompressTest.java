package io.mailfleet.imap;

import io.mailfleet.imap.support.DirectoryServerResource;
import io.mailfleet.imap.support.ImapTranscript;
import io.mailfleet.testing.KafkaResource;
import io.mailfleet.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Properties;

import static io.mailfleet.imap.ImapProtocolTest.last;
import static io.mailfleet.imap.ImapProtocolTest.quoted;
import static org.assertj.core.api.Assertions.assertThat;

/** COMPRESS=DEFLATE (RFC 4978) over TLS: raw transcripts through the JDK's inflater/deflater, and Angus Mail. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(DirectoryServerResource.class)
class CompressTest {

    @Inject
    MailAccessListeners listeners;

    @Test
    void deflateBothWaysAfterTheOk() throws IOException {
        DirectoryServerResource.Account account = DirectoryServerResource.newAccount("compress");
        // compresses well and spans many inflate chunks on the server
        String body = "the same words again and again\r\n".repeat(20_000);
        String message = "From: a@example.com\r\nSubject: big\r\n\r\n" + body;
        try (ImapTranscript imap = ImapTranscript.connectTls(listeners.boundPort("imaps"))) {
            assertThat(imap.line()).contains(" COMPRESS=DEFLATE");
            assertThat(last(imap.command("COMPRESS DEFLATE"))).startsWith("t1 BAD COMPRESS is not valid");
            assertThat(last(imap.command("LOGIN " + quoted(account.username()) + " " + quoted(account.password())))).contains("OK");
            assertThat(last(imap.command("COMPRESS LZW"))).startsWith("t3 BAD");
            assertThat(imap.command("COMPRESS DEFLATE")).containsExactly("t4 OK DEFLATE active");
            imap.compress();
            assertThat(last(imap.command("SELECT INBOX"))).contains("OK [READ-WRITE]");
            imap.send("a APPEND INBOX {" + message.length() + "+}\r\n" + message + "\r\n");
            List<String> appended = imap.until("a");
            assertThat(last(appended)).matches("a OK \\[APPENDUID \\d+ 1\\] APPEND completed.");
            assertThat(imap.command("FETCH 1 RFC822.SIZE").get(0)).isEqualTo("* 1 FETCH (RFC822.SIZE " + message.length() + ")");
            assertThat(imap.command("FETCH 1 BODY.PEEK[TEXT]").get(0)).isEqualTo("* 1 FETCH (BODY[TEXT] {" + body.length() + "}\r\n" + body + ")");
            assertThat(last(imap.command("COMPRESS DEFLATE"))).startsWith("t8 NO [COMPRESSIONACTIVE]");
            // octets that are not DEFLATE data end the session
            imap.sendUncompressed(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x13, 0x37});
            assertThat(imap.line()).isEqualTo("* BYE invalid compressed data");
            assertThat(imap.closedByServer()).isTrue();
        }
    }

    @Test
    void angusMailWithCompression() throws Exception {
        DirectoryServerResource.Account account = DirectoryServerResource.newAccount("compressangus");
        Properties properties = new Properties();
        properties.put("mail.imaps.host", "127.0.0.1");
        properties.put("mail.imaps.port", String.valueOf(listeners.boundPort("imaps")));
        properties.put("mail.imaps.ssl.trust", "*");
        properties.put("mail.imaps.ssl.checkserveridentity", "false");
        properties.put("mail.imaps.timeout", "10000");
        properties.put("mail.imaps.compress.enable", "true");
        Session session = Session.getInstance(properties);
        try (Store store = session.getStore("imaps")) {
            store.connect(account.username(), account.password());
            Folder inbox = store.getFolder("INBOX");
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress("carol@example.net"));
            message.setRecipients(Message.RecipientType.TO, account.username());
            message.setSubject("compressed");
            message.setText("hello through DEFLATE ".repeat(500));
            inbox.appendMessages(new Message[] {message});
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isEqualTo(1);
            assertThat(inbox.getMessage(1).getSubject()).isEqualTo("compressed");
            assertThat((String) inbox.getMessage(1).getContent()).startsWith("hello through DEFLATE");
            inbox.close(false);
        }
    }
}
