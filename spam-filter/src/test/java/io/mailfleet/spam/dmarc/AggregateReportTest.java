package io.mailfleet.spam.dmarc;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AggregateReportTest {

    private static DmarcEvaluationEvent event(String ip, String result, String disposition, boolean spfAligned, String dkimResult) {
        return new DmarcEvaluationEvent(1, "m-" + ip, Instant.parse("2026-11-27T10:00:00Z"), ip, "bank.example", "bank.example",
                "reject", null, 100, false, false, List.of("mailto:agg@bank.example"), List.of(), result, disposition, spfAligned,
                false, "bounce@bank.example", "bank.example", spfAligned ? "pass" : "fail",
                List.of(new DmarcEvaluationEvent.DkimEntry("bank.example", "s1", dkimResult)));
    }

    private static final AggregateReport REPORT = new AggregateReport("Mailfleet <Test & Co>", "dmarc-noreply@mailfleet.example",
            "report-1", "bank.example", Instant.parse("2026-11-27T00:00:00Z"), Instant.parse("2026-11-28T00:00:00Z"), List.of(
            event("192.0.2.1", "pass", "none", true, "fail"),
            event("192.0.2.1", "pass", "none", true, "fail"),
            event("203.0.113.9", "fail", "reject", false, "fail")));

    @Test
    void rowsAggregateIdenticalEvaluationsAndFollowTheRfcSchema() throws Exception {
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(REPORT.xml()));
        Element feedback = document.getDocumentElement();
        assertEquals("feedback", feedback.getTagName());
        assertEquals("Mailfleet <Test & Co>", text(feedback, "org_name"));
        assertEquals(Long.toString(Instant.parse("2026-11-27T00:00:00Z").getEpochSecond()), text(feedback, "begin"));
        assertEquals("bank.example", text((Element) feedback.getElementsByTagName("policy_published").item(0), "domain"));
        assertEquals("reject", text(feedback, "p"));
        assertEquals("100", text(feedback, "pct"));
        NodeList records = feedback.getElementsByTagName("record");
        assertEquals(2, records.getLength());
        Element first = (Element) records.item(0);
        assertEquals("192.0.2.1", text(first, "source_ip"));
        assertEquals("2", text(first, "count"));
        assertEquals("none", text(first, "disposition"));
        assertEquals("pass", text((Element) first.getElementsByTagName("policy_evaluated").item(0), "spf"));
        assertEquals("bank.example", text(first, "envelope_from"));
        assertEquals("s1", text(first, "selector"));
        Element second = (Element) records.item(1);
        assertEquals("1", text(second, "count"));
        assertEquals("reject", text(second, "disposition"));
    }

    @Test
    void gzipAndFileName() throws Exception {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(REPORT.gzip()))) {
            assertArrayEquals(REPORT.xml(), in.readAllBytes());
        }
        assertEquals("mailfleet.example!bank.example!1795737600!1795824000.xml.gz", REPORT.fileName("mailfleet.example"));
        assertThrows(IllegalStateException.class, () -> new AggregateReport("o", "e", "r", "d", Instant.EPOCH, Instant.EPOCH, List.of()).xml());
    }

    private static String text(Element parent, String name) {
        return parent.getElementsByTagName(name).item(0).getTextContent();
    }
}
