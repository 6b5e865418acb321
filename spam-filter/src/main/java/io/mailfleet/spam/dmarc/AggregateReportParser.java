package io.mailfleet.spam.dmarc;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads an RFC 7489 Appendix C {@code feedback} document (and DMARCbis's namespaced one: elements are matched by local name).
 * Streaming: each top-level element ({@code report_metadata}, {@code policy_published}, one {@code record}) is read into a
 * small tree on its own, so memory follows the record size, not the report size. Any DTD is refused before it is read:
 * no entity expansion (billion laughs) and no external entity (XXE) can happen.
 */
final class AggregateReportParser {

    /** Elements in one top-level element; a real record has about 20. */
    private static final int MAX_NODES_PER_ELEMENT = 2000;
    private static final int MAX_DEPTH = 12;

    private static final XMLInputFactory FACTORY = factory();

    private AggregateReportParser() {
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory;
    }

    static ReceivedReport parse(byte[] xml, int maxRecords) throws MalformedReportException {
        XMLStreamReader reader = null;
        try {
            reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(xml));
            toRoot(reader);
            if (!"feedback".equals(reader.getLocalName())) {
                throw new MalformedReportException("root element is " + reader.getLocalName() + ", not feedback");
            }
            Node metadata = null;
            Node policy = null;
            List<ReceivedReport.Row> rows = new ArrayList<>();
            while (next(reader) != XMLStreamConstants.END_ELEMENT) {
                if (reader.getEventType() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                Node element = Node.read(reader, new int[]{MAX_NODES_PER_ELEMENT}, 1);
                switch (element.name) {
                    case "report_metadata" -> metadata = element;
                    case "policy_published" -> policy = element;
                    case "record" -> {
                        if (rows.size() == maxRecords) {
                            throw new MalformedReportException("more than " + maxRecords + " records");
                        }
                        rows.add(row(element));
                    }
                    default -> { } // version, extensions: nothing we keep
                }
            }
            if (metadata == null || policy == null) {
                throw new MalformedReportException("report without report_metadata or policy_published");
            }
            Node range = metadata.child("date_range");
            return new ReceivedReport(required(metadata, "org_name"), metadata.text("email"), required(metadata, "report_id"),
                    epoch(range, "begin"), epoch(range, "end"), policy(policy), rows);
        } catch (XMLStreamException e) {
            throw new MalformedReportException("not well-formed XML: " + e.getMessage(), e);
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // nothing is held open: the input is a byte array
                }
            }
        }
    }

    private static void toRoot(XMLStreamReader reader) throws XMLStreamException, MalformedReportException {
        while (reader.getEventType() != XMLStreamConstants.START_ELEMENT) {
            next(reader);
        }
    }

    /** The next event; a DTD anywhere refuses the document. */
    private static int next(XMLStreamReader reader) throws XMLStreamException, MalformedReportException {
        if (!reader.hasNext()) {
            throw new MalformedReportException("document ends early");
        }
        int event = reader.next();
        if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
            throw new MalformedReportException("DTDs and entity references are refused");
        }
        return event;
    }

    private static ReceivedReport.PolicyPublished policy(Node policy) throws MalformedReportException {
        String pct = policy.text("pct");
        int percent;
        try {
            percent = pct == null ? 100 : Integer.parseInt(pct);
        } catch (NumberFormatException e) {
            throw new MalformedReportException("pct is not a number: " + pct);
        }
        return new ReceivedReport.PolicyPublished(required(policy, "domain").toLowerCase(Locale.ROOT), policy.text("adkim"),
                policy.text("aspf"), policy.text("p"), policy.text("sp"), percent);
    }

    private static ReceivedReport.Row row(Node record) throws MalformedReportException {
        Node row = record.child("row");
        Node evaluated = row == null ? null : row.child("policy_evaluated");
        Node identifiers = record.child("identifiers");
        if (row == null || evaluated == null || identifiers == null) {
            throw new MalformedReportException("record without row, policy_evaluated or identifiers");
        }
        long count;
        try {
            count = Long.parseLong(required(row, "count"));
        } catch (NumberFormatException e) {
            throw new MalformedReportException("count is not a number");
        }
        List<ReceivedReport.AuthResult> results = new ArrayList<>();
        Node auth = record.child("auth_results");
        if (auth != null) {
            for (Node result : auth.children) {
                if (result.name.equals("dkim") || result.name.equals("spf")) {
                    results.add(new ReceivedReport.AuthResult(result.name, result.text("domain"), result.text("selector"),
                            result.text("scope"), result.text("result")));
                }
            }
        }
        return new ReceivedReport.Row(required(row, "source_ip"), count, evaluated.text("disposition"), evaluated.text("dkim"),
                evaluated.text("spf"), identifiers.text("header_from"), identifiers.text("envelope_from"),
                identifiers.text("envelope_to"), results);
    }

    private static Instant epoch(Node range, String name) throws MalformedReportException {
        if (range == null) {
            throw new MalformedReportException("report_metadata without date_range");
        }
        try {
            return Instant.ofEpochSecond(Long.parseLong(required(range, name)));
        } catch (NumberFormatException e) {
            throw new MalformedReportException("date_range " + name + " is not a number");
        }
    }

    private static String required(Node parent, String name) throws MalformedReportException {
        String text = parent.text(name);
        if (text == null || text.isEmpty()) {
            throw new MalformedReportException(parent.name + " without " + name);
        }
        return text;
    }

    /** One element and its subtree, text trimmed; bounded in node count and depth. */
    private record Node(String name, String value, List<Node> children) {

        static Node read(XMLStreamReader reader, int[] budget, int depth) throws XMLStreamException, MalformedReportException {
            if (--budget[0] < 0 || depth > MAX_DEPTH) {
                throw new MalformedReportException("element " + reader.getLocalName() + " is too large or too deep");
            }
            String name = reader.getLocalName();
            StringBuilder text = new StringBuilder();
            List<Node> children = new ArrayList<>();
            while (true) {
                int event = next(reader);
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT -> children.add(read(reader, budget, depth + 1));
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (text.length() < 1024) {
                            text.append(reader.getText(), 0, Math.min(reader.getTextLength(), 1024 - text.length()));
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        return new Node(name, text.toString().strip(), children);
                    }
                    default -> { } // comments, processing instructions
                }
            }
        }

        Node child(String childName) {
            for (Node child : children) {
                if (child.name.equals(childName)) {
                    return child;
                }
            }
            return null;
        }

        /** The trimmed text of the named child; null when absent. */
        String text(String childName) {
            Node child = child(childName);
            return child == null ? null : child.value;
        }
    }
}
