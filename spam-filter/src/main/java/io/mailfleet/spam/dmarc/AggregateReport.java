package io.mailfleet.spam.dmarc;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * An RFC 7489 aggregate report (Appendix C schema) for one policy domain and period, built from the evaluations recorded on
 * {@code dmarc.results}. Identical evaluations (same source, identifiers, results and disposition) become one row with a
 * count.
 *
 * @param organization our reporting organization name
 * @param contact      the address reports are sent from / questions go to
 */
public record AggregateReport(String organization, String contact, String reportId, String policyDomain, Instant begin, Instant end,
                              List<DmarcEvaluationEvent> evaluations) {

    /** §7.2.1.1: {@code receiver "!" policy-domain "!" begin "!" end ".xml.gz"}. */
    public String fileName(String receiverDomain) {
        return receiverDomain + "!" + policyDomain + "!" + begin.getEpochSecond() + "!" + end.getEpochSecond() + ".xml.gz";
    }

    public byte[] gzip() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(xml());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public byte[] xml() {
        if (evaluations.isEmpty()) {
            throw new IllegalStateException("an aggregate report needs at least one evaluation");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("feedback");
            xml.writeStartElement("report_metadata");
            element(xml, "org_name", organization);
            element(xml, "email", contact);
            element(xml, "report_id", reportId);
            xml.writeStartElement("date_range");
            element(xml, "begin", Long.toString(begin.getEpochSecond()));
            element(xml, "end", Long.toString(end.getEpochSecond()));
            xml.writeEndElement();
            xml.writeEndElement();

            DmarcEvaluationEvent policy = evaluations.get(evaluations.size() - 1);
            xml.writeStartElement("policy_published");
            element(xml, "domain", policyDomain);
            element(xml, "adkim", policy.strictDkim() ? "s" : "r");
            element(xml, "aspf", policy.strictSpf() ? "s" : "r");
            element(xml, "p", policy.policy());
            element(xml, "sp", policy.subdomainPolicy() == null ? policy.policy() : policy.subdomainPolicy());
            element(xml, "pct", Integer.toString(policy.percent()));
            xml.writeEndElement();

            for (Map.Entry<Row, Integer> row : rows().entrySet()) {
                write(xml, row.getKey(), row.getValue());
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the report", e);
        }
        return out.toByteArray();
    }

    /** What makes two evaluations the same row. */
    private record Row(String sourceIp, String disposition, boolean dkimAligned, boolean spfAligned, String headerFrom,
                       String envelopeFrom, List<DmarcEvaluationEvent.DkimEntry> dkim, String spfDomain, String spfResult) {
    }

    private Map<Row, Integer> rows() {
        Map<Row, Integer> rows = new LinkedHashMap<>();
        for (DmarcEvaluationEvent e : evaluations) {
            String envelopeDomain = e.envelopeFrom() == null || !e.envelopeFrom().contains("@") ? null
                    : e.envelopeFrom().substring(e.envelopeFrom().lastIndexOf('@') + 1);
            rows.merge(new Row(e.sourceIp(), e.disposition(), e.dkimAligned(), e.spfAligned(), e.headerFrom(), envelopeDomain,
                    e.dkim(), e.spfDomain(), e.spfResult()), 1, Integer::sum);
        }
        return rows;
    }

    private static void write(XMLStreamWriter xml, Row row, int count) throws XMLStreamException {
        xml.writeStartElement("record");
        xml.writeStartElement("row");
        element(xml, "source_ip", row.sourceIp());
        element(xml, "count", Integer.toString(count));
        xml.writeStartElement("policy_evaluated");
        element(xml, "disposition", row.disposition());
        element(xml, "dkim", row.dkimAligned() ? "pass" : "fail");
        element(xml, "spf", row.spfAligned() ? "pass" : "fail");
        xml.writeEndElement();
        xml.writeEndElement();
        xml.writeStartElement("identifiers");
        element(xml, "header_from", row.headerFrom());
        if (row.envelopeFrom() != null) {
            element(xml, "envelope_from", row.envelopeFrom());
        }
        xml.writeEndElement();
        xml.writeStartElement("auth_results");
        for (DmarcEvaluationEvent.DkimEntry dkim : row.dkim()) {
            xml.writeStartElement("dkim");
            element(xml, "domain", dkim.domain() == null ? "" : dkim.domain());
            if (dkim.selector() != null) {
                element(xml, "selector", dkim.selector());
            }
            element(xml, "result", dkim.result());
            xml.writeEndElement();
        }
        xml.writeStartElement("spf");
        element(xml, "domain", row.spfDomain() == null ? "" : row.spfDomain());
        element(xml, "scope", "mfrom");
        element(xml, "result", row.spfResult() == null ? "none" : row.spfResult());
        xml.writeEndElement();
        xml.writeEndElement();
        xml.writeEndElement();
    }

    private static void element(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(value == null ? "" : value);
        xml.writeEndElement();
    }
}
