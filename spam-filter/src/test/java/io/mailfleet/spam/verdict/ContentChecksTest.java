package io.mailfleet.spam.verdict;

import io.mailfleet.events.Direction;
import io.mailfleet.events.MailEnvelope;
import io.mailfleet.events.MailRecord;
import io.mailfleet.events.Recipient;
import io.mailfleet.events.Verdict;
import io.mailfleet.spam.auth.AuthenticationResults;
import io.mailfleet.spam.message.MessageContentParser;
import io.mailfleet.spam.message.RawMessage;
import io.mailfleet.spam.rules.RuleCheck;
import io.mailfleet.spam.rules.RuleRepository;
import io.mailfleet.spam.rules.RuleSettings;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The content checks on real MIME messages (parsed by mime4j), no infrastructure. */
class ContentChecksTest {

    private static final SymbolScores SCORES = new SymbolScores(Map.of());
    private static final List<SpamCheck> CHECKS = List.of(new GtubeCheck(SCORES), new AttachmentCheck(SCORES), new HtmlCheck(SCORES),
            new DisplayNameCheck(SCORES), new RuleCheck(new RuleRepository(RuleSettings.defaults(Optional.empty()))));

    private static List<String> symbols(String message) {
        byte[] content = message.getBytes(StandardCharsets.UTF_8);
        MailEnvelope envelope = new MailEnvelope(MailEnvelope.CURRENT_VERSION, "id", Instant.now(), "helo.example", "192.0.2.1", null, null,
                null, "x@sender.example", List.of(Recipient.local("bob@mailfleet.example", "t1", "a1")), content.length,
                Direction.INBOUND, Map.of());
        ScanContext context = new ScanContext(MailRecord.unscored(envelope, content), RawMessage.parse(content),
                new MessageContentParser(1 << 20, 10 << 20).parse(content),
                new AuthenticationResults("x@sender.example", "helo.example", null, List.of(), null, null));
        List<String> names = new ArrayList<>();
        for (SpamCheck check : CHECKS) {
            check.check(context).await().indefinitely().stream().map(Verdict.Symbol::name).forEach(names::add);
        }
        return names;
    }

    private static String multipart(String from, String body, String attachmentName, String attachmentType, byte[] attachment) {
        return "From: " + from + "\r\nTo: bob@mailfleet.example\r\nDate: Sat, 28 Nov 2026 10:00:00 +0000\r\nMessage-ID: <m@sender.example>\r\n"
                + "Subject: documents\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
                + "--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n"
                + "--b1\r\nContent-Type: " + attachmentType + "; name=\"" + attachmentName + "\"\r\n"
                + "Content-Disposition: attachment; filename=\"" + attachmentName + "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(attachment) + "\r\n--b1--\r\n";
    }

    @Test
    void cleanMessageHitsNothing() {
        assertEquals(List.of(), symbols(multipart("Alice <alice@sender.example>", "Minutes attached.", "minutes.pdf",
                "application/pdf", "%PDF-1.7 minutes".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void executablesByNameOrMagicAndDoubleExtensions() {
        byte[] pe = "MZ\u0090\u0000 this program cannot be run in DOS mode".getBytes(StandardCharsets.ISO_8859_1);
        List<String> renamed = symbols(multipart("a@sender.example", "see attached", "invoice.pdf", "application/pdf", pe));
        assertTrue(renamed.contains("DANGEROUS_ATTACHMENT"), renamed.toString());
        List<String> doubled = symbols(multipart("a@sender.example", "see attached", "invoice.pdf.exe", "application/octet-stream", pe));
        assertTrue(doubled.containsAll(List.of("DANGEROUS_ATTACHMENT", "DOUBLE_EXTENSION")), doubled.toString());
        List<String> script = symbols(multipart("a@sender.example", "see attached", "run.js", "text/javascript", "WScript.Shell".getBytes()));
        assertTrue(script.contains("DANGEROUS_ATTACHMENT"), script.toString());
    }

    @Test
    void officeDocumentsWithMacros() throws Exception {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(zipped)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write("<Types/>".getBytes(StandardCharsets.US_ASCII));
            zip.putNextEntry(new ZipEntry("word/vbaProject.bin"));
            zip.write(new byte[] {1, 2, 3});
        }
        List<String> disguised = symbols(multipart("a@sender.example", "report", "report.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", zipped.toByteArray()));
        assertTrue(disguised.contains("MACRO_DOCUMENT"), disguised.toString());
        assertTrue(symbols(multipart("a@sender.example", "report", "report.xlsm", "application/vnd.ms-excel.sheet.macroEnabled.12",
                new byte[] {'P', 'K', 3, 4})).contains("MACRO_DOCUMENT"));
    }

    @Test
    void htmlOnlyWithMisleadingLinkAndRules() {
        String html = "From: Bank <alerts@bank-secure.example>\r\nSubject: =?UTF-8?B?VVJHRU5UOiBhY3Qgbm93?=\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "<html><body><p>Please verify your account today.</p>=\r\n"
                + "<a href=3D\"http://203.0.113.50/login\">https://www.mybank.example/login</a></body></html>\r\n";
        List<String> hits = symbols(html);
        assertTrue(hits.containsAll(List.of("HTML_ONLY", "LINK_TEXT_MISMATCH", "CREDENTIAL_PHISH", "URI_NUMERIC_HOST",
                "SUBJECT_URGENT", "MISSING_DATE", "MISSING_MESSAGE_ID")), hits.toString());
    }

    @Test
    void displayNameShowingOurOwnDomainIsForged() {
        String forged = "From: \"it-support@mailfleet.example\" <helpdesk@evil.example>\r\nDate: x\r\nMessage-ID: <1@x>\r\n"
                + "Subject: password expiry\r\n\r\nhello\r\n";
        assertTrue(symbols(forged).contains("FORGED_DISPLAY_HOSTED"));
        String other = "From: \"news@shop.example\" <mailer@bulk.example>\r\nDate: x\r\nMessage-ID: <1@x>\r\nSubject: sale\r\n\r\nhi\r\n";
        List<String> hits = symbols(other);
        assertTrue(hits.contains("DISPLAY_NAME_ADDRESS_MISMATCH"), hits.toString());
        assertFalse(hits.contains("FORGED_DISPLAY_HOSTED"));
        String honest = "From: \"alice@sender.example\" <alice@mail.sender.example>\r\nDate: Sat, 28 Nov 2026 10:00:00 +0000\r\n"
                + "Message-ID: <1@x>\r\nSubject: hi\r\n\r\nhi\r\n";
        assertEquals(List.of(), symbols(honest));
    }

    @Test
    void gtubeInTheBody() {
        assertTrue(symbols("Subject: t\r\nDate: x\r\nMessage-ID: <1@x>\r\n\r\nXJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X\r\n")
                .contains("GTUBE"));
        assertFalse(symbols("Subject: XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X\r\n\r\nnothing\r\n").contains("GTUBE"),
                "only the body counts");
    }
}
