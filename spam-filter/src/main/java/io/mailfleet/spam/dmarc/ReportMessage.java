package io.mailfleet.spam.dmarc;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** The mail that carries an aggregate report (RFC 7489 §7.2.1.1): fixed subject form, the gzip file as attachment. */
final class ReportMessage {

    private ReportMessage() {
    }

    static byte[] compose(AggregateReport report, String receiverDomain, String from, List<String> to, Instant now) {
        String boundary = "=_dmarc_" + UUID.randomUUID();
        String file = report.fileName(receiverDomain);
        String attachment = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(report.gzip());
        String message = "From: " + from + "\r\n"
                + "To: " + String.join(", ", to) + "\r\n"
                + "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(now.atOffset(ZoneOffset.UTC)) + "\r\n"
                + "Subject: Report Domain: " + report.policyDomain() + " Submitter: " + receiverDomain + " Report-ID: <"
                + report.reportId() + ">\r\n"
                + "Message-ID: <" + report.reportId() + "." + now.getEpochSecond() + "@" + receiverDomain + ">\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n"
                + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n"
                + "\r\n"
                + "DMARC aggregate report for " + report.policyDomain() + " from " + receiverDomain + ".\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: application/gzip; name=\"" + file + "\"\r\n"
                + "Content-Disposition: attachment; filename=\"" + file + "\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "\r\n"
                + attachment + "\r\n"
                + "--" + boundary + "--\r\n";
        return message.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The error report of RFC 7489 §7.2.2, sent instead when the report itself fits none of the destinations' {@code !size}
     * limits: the report's date, domain, id and size, who we are, and the URIs it could not go to.
     */
    static byte[] composeError(AggregateReport report, long reportSize, List<ReportUri> refused, String receiverDomain, String from,
                               List<String> to, Instant now) {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.atOffset(ZoneOffset.UTC));
        StringBuilder uris = new StringBuilder();
        for (ReportUri uri : refused) {
            uris.append("Submitting-URI: mailto:").append(uri.address())
                    .append(uri.maxBytes() == ReportUri.UNLIMITED ? "" : "!" + uri.maxBytes()).append("\r\n");
        }
        String message = "From: " + from + "\r\n"
                + "To: " + String.join(", ", to) + "\r\n"
                + "Date: " + date + "\r\n"
                + "Subject: DMARC error report for " + report.policyDomain() + "\r\n"
                + "Message-ID: <" + report.reportId() + ".error." + now.getEpochSecond() + "@" + receiverDomain + ">\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n"
                + "\r\n"
                + "Report-Date: " + date + "\r\n"
                + "Report-Domain: " + report.policyDomain() + "\r\n"
                + "Report-ID: " + report.reportId() + "\r\n"
                + "Report-Size: " + reportSize + "\r\n"
                + "Submitter: " + receiverDomain + "\r\n"
                + uris;
        return message.getBytes(StandardCharsets.US_ASCII);
    }
}
