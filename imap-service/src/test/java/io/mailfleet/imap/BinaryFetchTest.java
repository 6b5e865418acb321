package io.mailfleet.imap;

import io.mailfleet.imap.support.DirectoryServerResource;
import io.mailfleet.imap.support.ImapTranscript;
import io.mailfleet.testing.KafkaResource;
import io.mailfleet.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static io.mailfleet.imap.ImapProtocolTest.last;
import static io.mailfleet.imap.ImapProtocolTest.quoted;
import static org.assertj.core.api.Assertions.assertThat;

/** BINARY (RFC 3516) transcripts over a real socket: decoded parts, their sizes, literal8, unknown encodings. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(DirectoryServerResource.class)
class BinaryFetchTest {

    private static final byte[] ATTACHMENT = {'P', 'K', 0, 1, 2, (byte) 0xff, 0, 'z'};
    private static final String MESSAGE = "From: a@example.com\r\n"
            + "Subject: binary\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"b\"\r\n"
            + "\r\n"
            + "--b\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "Content-Transfer-Encoding: quoted-printable\r\n"
            + "\r\n"
            + "Gr=C3=BC=C3=9Fe, soft=\r\n"
            + "break\r\n"
            + "--b\r\n"
            + "Content-Type: application/octet-stream\r\n"
            + "Content-Transfer-Encoding: base64\r\n"
            + "\r\n"
            + Base64.getEncoder().encodeToString(ATTACHMENT) + "\r\n"
            + "--b\r\n"
            + "Content-Type: application/x-thing\r\n"
            + "Content-Transfer-Encoding: x-uuencode\r\n"
            + "\r\n"
            + "begin 644 thing\r\n"
            + "--b--\r\n";

    @Inject
    MailAccessListeners listeners;

    @Test
    void decodedPartsAndSizes() throws IOException {
        DirectoryServerResource.Account account = DirectoryServerResource.newAccount("binary");
        try (ImapTranscript imap = ImapTranscript.connectTls(listeners.boundPort("imaps"))) {
            assertThat(imap.line()).contains(" BINARY");
            assertThat(last(imap.command("LOGIN " + quoted(account.username()) + " " + quoted(account.password())))).contains("OK");
            imap.send("a APPEND INBOX {" + MESSAGE.length() + "+}\r\n" + MESSAGE + "\r\n");
            assertThat(last(imap.until("a"))).contains("OK [APPENDUID");
            assertThat(last(imap.command("SELECT INBOX"))).contains("OK [READ-WRITE]");

            byte[] text = "Grüße, softbreak\r\n".getBytes(StandardCharsets.UTF_8);
            text = java.util.Arrays.copyOf(text, text.length - 2); // the part's last CRLF belongs to the boundary
            assertThat(imap.command("FETCH 1 (BINARY.SIZE[1] BINARY.SIZE[2])"))
                    .containsExactly("* 1 FETCH (BINARY.SIZE[1] " + text.length + " BINARY.SIZE[2] " + ATTACHMENT.length + ")",
                            "t3 OK FETCH completed.");
            assertThat(imap.command("FETCH 1 BINARY.PEEK[1]").get(0))
                    .isEqualTo("* 1 FETCH (BINARY[1] {" + text.length + "}\r\n" + new String(text, StandardCharsets.UTF_8) + ")");

            // NUL in the decoded octets: a literal8
            imap.send("b1 FETCH 1 BINARY.PEEK[2]\r\n");
            assertThat(imap.line()).isEqualTo("* 1 FETCH (BINARY[2] ~{" + ATTACHMENT.length + "}");
            assertThat(imap.bytes(ATTACHMENT.length)).isEqualTo(ATTACHMENT);
            assertThat(imap.line()).isEqualTo(")");
            assertThat(imap.line()).isEqualTo("b1 OK FETCH completed.");

            imap.send("b2 FETCH 1 BINARY.PEEK[2]<2.3>\r\n");
            assertThat(imap.line()).isEqualTo("* 1 FETCH (BINARY[2]<2> ~{3}");
            assertThat(imap.bytes(3)).isEqualTo(new byte[] {0, 1, 2});
            assertThat(imap.line()).isEqualTo(")");
            assertThat(imap.line()).isEqualTo("b2 OK FETCH completed.");

            List<String> whole = imap.command("FETCH 1 (FLAGS BINARY.SIZE[])");
            assertThat(whole.get(0)).isEqualTo("* 1 FETCH (FLAGS (\\Recent) BINARY.SIZE[] " + MESSAGE.length() + ")");
            assertThat(last(imap.command("FETCH 1 BINARY.PEEK[3]"))).isEqualTo("t6 NO [UNKNOWN-CTE] unknown Content-Transfer-Encoding x-uuencode");
            assertThat(last(imap.command("FETCH 1 BINARY[1.HEADER]"))).startsWith("t7 BAD");
            // BINARY without PEEK sets \Seen, as BODY[] does
            assertThat(imap.command("FETCH 1 BINARY[1]").get(0)).contains("FLAGS (\\Recent \\Seen)");
        }
    }

    @Test
    void bodyAndTextSearchMatchTheDecodedText() throws IOException {
        DirectoryServerResource.Account account = DirectoryServerResource.newAccount("decodedsearch");
        try (ImapTranscript imap = ImapTranscript.connectTls(listeners.boundPort("imaps"))) {
            imap.line();
            assertThat(last(imap.command("LOGIN " + quoted(account.username()) + " " + quoted(account.password())))).contains("OK");
            imap.send("a APPEND INBOX {" + MESSAGE.length() + "+}\r\n" + MESSAGE + "\r\n");
            assertThat(last(imap.until("a"))).contains("OK [APPENDUID");
            assertThat(last(imap.command("SELECT INBOX"))).contains("OK [READ-WRITE]");
            byte[] word = "grÜße".getBytes(StandardCharsets.UTF_8); // case-insensitive beyond ASCII too
            imap.send("s1 SEARCH CHARSET UTF-8 BODY {" + word.length + "+}\r\n");
            imap.send(word);
            imap.send("\r\n");
            assertThat(imap.until("s1")).containsExactly("* SEARCH 1", "s1 OK SEARCH completed.");
            // the quoted-printable soft line break is gone in the decoded text, the raw escapes are not text
            assertThat(imap.command("SEARCH BODY softbreak").get(0)).isEqualTo("* SEARCH 1");
            assertThat(imap.command("SEARCH BODY C3=BC").get(0)).isEqualTo("* SEARCH");
            // the attachment and the part headers are not body text; the Subject is TEXT but not BODY
            assertThat(imap.command("SEARCH BODY octet-stream").get(0)).isEqualTo("* SEARCH");
            assertThat(imap.command("SEARCH BODY binary").get(0)).isEqualTo("* SEARCH");
            assertThat(imap.command("SEARCH TEXT binary").get(0)).isEqualTo("* SEARCH 1");
        }
    }
}
