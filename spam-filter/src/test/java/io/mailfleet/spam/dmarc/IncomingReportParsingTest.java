package io.mailfleet.spam.dmarc;

import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Incoming aggregate reports: the parser, the bounded decompression and the attachment scan, without infrastructure. */
class IncomingReportParsingTest {

    private static final int ONE_MIB = 1 << 20;

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsTheRfcSchema() throws Exception {
        ReceivedReport report = AggregateReportParser.parse(bytes(IncomingReportSamples.report("Google.com", "r-1", "Hosted.Example")), 100);
        assertEquals("Google.com", report.orgName());
        assertEquals("noreply-dmarc-support@google.com", report.email());
        assertEquals("r-1", report.reportId());
        assertEquals(Instant.ofEpochSecond(1795737600), report.begin());
        assertEquals(Instant.ofEpochSecond(1795823999), report.end());
        assertEquals(new ReceivedReport.PolicyPublished("hosted.example", "r", "s", "quarantine", "none", 50), report.policy());
        assertEquals(2, report.rows().size());
        ReceivedReport.Row second = report.rows().get(1);
        assertEquals("2001:db8::7", second.sourceIp());
        assertEquals(3, second.count());
        assertEquals("quarantine", second.disposition());
        assertEquals("bounce.example", second.envelopeFrom());
        assertEquals("them.example", second.envelopeTo());
        assertEquals(List.of(new ReceivedReport.AuthResult("dkim", "forger.example", null, null, "fail"),
                new ReceivedReport.AuthResult("spf", "bounce.example", null, "mfrom", "softfail")), second.authResults());
        assertNull(report.rows().get(0).envelopeFrom());
    }

    @Test
    void readsTheDmarcbisNamespace() throws Exception {
        String namespaced = IncomingReportSamples.report("Org", "r-2", "hosted.example")
                .replace("<feedback>", "<feedback xmlns=\"urn:ietf:params:xml:ns:dmarc-2.0\">");
        assertEquals(2, AggregateReportParser.parse(bytes(namespaced), 100).rows().size());
    }

    @Test
    void refusesExternalEntities(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET");
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE feedback [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + IncomingReportSamples.report("&xxe;", "r-3", "hosted.example").replaceFirst("<\\?xml[^>]*>\\s*", "");
        MalformedReportException refused = assertThrows(MalformedReportException.class, () -> AggregateReportParser.parse(bytes(xxe), 100));
        assertFalse(refused.getMessage().contains("TOP-SECRET"), refused.getMessage());
    }

    @Test
    void refusesEntityExpansion() {
        StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE feedback [<!ENTITY l0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            laughs.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        laughs.append("]>\n<feedback><report_metadata><org_name>&l9;</org_name></report_metadata></feedback>");
        assertThrows(MalformedReportException.class, () -> AggregateReportParser.parse(bytes(laughs.toString()), 100));
    }

    @Test
    void gzipBombIsCutAtTheBudget() {
        // 64 MiB of zeros compress to about 64 KiB
        byte[] bomb = IncomingReportSamples.gzip(new byte[64 * ONE_MIB]);
        assertTrue(bomb.length < ONE_MIB);
        MalformedReportException refused = assertThrows(MalformedReportException.class,
                () -> ReportArchive.xml(new ByteArrayInputStream(bomb), ONE_MIB));
        assertTrue(refused.getMessage().contains("exceeds"), refused.getMessage());
    }

    @Test
    void zipBombIsCutAtTheBudgetWhateverItsEntryDeclares() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("report.xml"));
            byte[] zeros = new byte[ONE_MIB];
            for (int i = 0; i < 64; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        assertThrows(MalformedReportException.class, () -> ReportArchive.xml(new ByteArrayInputStream(out.toByteArray()), ONE_MIB));
    }

    @Test
    void gzipZipAndPlainXmlGiveTheSameDocument() throws Exception {
        byte[] xml = bytes(IncomingReportSamples.report("Org", "r-4", "hosted.example"));
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(zipped)) {
            zip.putNextEntry(new ZipEntry("org!hosted.example!1!2.xml"));
            zip.write(xml);
            zip.closeEntry();
        }
        assertTrue(Arrays.equals(xml, ReportArchive.xml(new ByteArrayInputStream(IncomingReportSamples.gzip(xml)), ONE_MIB)));
        assertTrue(Arrays.equals(xml, ReportArchive.xml(new ByteArrayInputStream(zipped.toByteArray()), ONE_MIB)));
        assertTrue(Arrays.equals(xml, ReportArchive.xml(new ByteArrayInputStream(xml), ONE_MIB)));
    }

    @Test
    void refusesWhatIsNotAReport() {
        assertThrows(MalformedReportException.class, () -> AggregateReportParser.parse(bytes("<html><body/></html>"), 100));
        assertThrows(MalformedReportException.class, () -> AggregateReportParser.parse(bytes("<feedback><report_metadata>"), 100));
        String noReportId = IncomingReportSamples.report("Org", "", "hosted.example");
        assertThrows(MalformedReportException.class, () -> AggregateReportParser.parse(bytes(noReportId), 100));
        String report = IncomingReportSamples.report("Org", "r-5", "hosted.example");
        MalformedReportException tooMany = assertThrows(MalformedReportException.class, () -> AggregateReportParser.parse(bytes(report), 1));
        assertTrue(tooMany.getMessage().contains("more than 1 records"), tooMany.getMessage());
    }

    @Test
    void attachmentsOfAMessageBrokenOnesSkipped() {
        IncomingReportsConfig limits = new SmallRyeConfigBuilder().withMapping(IncomingReportsConfig.class)
                // Quarkus's form of durations ("180d"), as the service reads them
                .withConverter(java.time.Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter())
                .withDefaultValues(Map.of("mailfleet.spam.dmarc-incoming-reports.max-xml-bytes", Integer.toString(ONE_MIB)))
                .build().getConfigMapping(IncomingReportsConfig.class);
        byte[] message = IncomingReportSamples.message("noreply@reporter.example", "dmarc@hosted.example",
                new IncomingReportSamples.Attachment("application/gzip", "bomb.xml.gz", IncomingReportSamples.gzip(new byte[8 * ONE_MIB])),
                new IncomingReportSamples.Attachment("application/pdf", "invoice.pdf", bytes("%PDF-1.4")),
                new IncomingReportSamples.Attachment("application/octet-stream", "r!hosted.example!1!2.xml.gz",
                        IncomingReportSamples.gzip(bytes(IncomingReportSamples.report("Org", "r-6", "hosted.example")))),
                new IncomingReportSamples.Attachment("text/xml", "r.xml", bytes("<feedback>not closed")));
        List<ReceivedReport> reports = new ReportAttachments(limits).reports(message, "m-1");
        assertEquals(1, reports.size());
        assertEquals("r-6", reports.get(0).reportId());
    }
}
