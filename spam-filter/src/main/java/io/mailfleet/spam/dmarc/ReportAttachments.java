package io.mailfleet.spam.dmarc;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.message.DefaultBodyDescriptorBuilder;
import org.apache.james.mime4j.message.MaximalBodyDescriptor;
import org.apache.james.mime4j.parser.AbstractContentHandler;
import org.apache.james.mime4j.parser.MimeStreamParser;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.MimeConfig;
import org.jboss.logging.Logger;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The aggregate reports a message carries (RFC 7489 §7.2.1.1): parts typed {@code application/gzip}, {@code application/zip}
 * or XML — or {@code application/octet-stream} named like a report, as some reporters send them — decoded, decompressed
 * within bounds and parsed. A part that is not a readable report is logged and skipped; the others still count.
 */
final class ReportAttachments {

    private static final Logger LOG = Logger.getLogger(ReportAttachments.class);

    private static final Set<String> REPORT_TYPES = Set.of("application/gzip", "application/x-gzip", "application/zip",
            "application/x-zip-compressed", "text/xml", "application/xml");

    private final IncomingReportsConfig limits;

    ReportAttachments(IncomingReportsConfig limits) {
        this.limits = limits;
    }

    /** The reports in the message, at most the configured number; never throws for bad content. */
    List<ReceivedReport> reports(byte[] message, String messageId) {
        List<ReceivedReport> reports = new ArrayList<>();
        MimeStreamParser parser = new MimeStreamParser(
                MimeConfig.custom().setMaxLineLen(-1).setMaxHeaderLen(-1).setMaxHeaderCount(-1).build(),
                DecodeMonitor.SILENT, new DefaultBodyDescriptorBuilder());
        parser.setContentDecoding(true);
        parser.setContentHandler(new AbstractContentHandler() {
            private int candidates;

            @Override
            public void body(BodyDescriptor descriptor, InputStream body) {
                if (!isReport(descriptor) || candidates++ >= limits.maxReportsPerMessage()) {
                    return;
                }
                try {
                    reports.add(AggregateReportParser.parse(ReportArchive.xml(body, limits.maxXmlBytes()), limits.maxRecords()));
                } catch (MalformedReportException e) {
                    LOG.warnf("message %s: skipped a DMARC report attachment (%s)", messageId, e.getMessage());
                }
            }
        });
        try {
            parser.parse(new ByteArrayInputStream(message));
        } catch (MimeException | IOException e) {
            LOG.warnf("message %s: MIME structure unreadable while looking for DMARC reports (%s)", messageId, e.getMessage());
        }
        return reports;
    }

    private static boolean isReport(BodyDescriptor descriptor) {
        String type = descriptor.getMimeType().toLowerCase(Locale.ROOT);
        if (REPORT_TYPES.contains(type)) {
            return true;
        }
        if (type.equals("application/octet-stream") && descriptor instanceof MaximalBodyDescriptor maximal) {
            String name = maximal.getContentDispositionFilename();
            if (name == null) {
                name = maximal.getContentTypeParameters().get("name");
            }
            name = name == null ? "" : name.toLowerCase(Locale.ROOT);
            return name.endsWith(".xml.gz") || name.endsWith(".zip") || name.endsWith(".xml");
        }
        return false;
    }
}
