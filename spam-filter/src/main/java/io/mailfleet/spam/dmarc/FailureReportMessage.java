package io.mailfleet.spam.dmarc;

import io.mailfleet.events.MailEnvelope;
import io.mailfleet.spam.message.RawMessage;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An RFC 6591 authentication failure report in the Abuse Reporting Format (RFC 5965): a human-readable part, the
 * machine-readable {@code message/feedback-report} (Feedback-Type auth-failure, Auth-Failure dmarc, plus RFC 7489 §7.3's
 * Identity-Alignment) and the failed message's header section only ({@code text/rfc822-headers}: the body may be private,
 * and RFC 6591 §3.3 allows leaving it out).
 */
final class FailureReportMessage {

    private FailureReportMessage() {
    }

    static byte[] compose(MailEnvelope envelope, RawMessage message, DmarcResult dmarc, String authenticationResults,
                          String reporter, String from, List<String> to, Instant now) {
        String boundary = "=_dmarc_ruf_" + UUID.randomUUID();
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.atOffset(ZoneOffset.UTC));
        String arrival = DateTimeFormatter.RFC_1123_DATE_TIME.format(envelope.receivedAt().atOffset(ZoneOffset.UTC));
        List<String> aligned = new ArrayList<>();
        if (dmarc.spfAligned()) {
            aligned.add("spf");
        }
        if (dmarc.dkimAligned()) {
            aligned.add("dkim");
        }
        StringBuilder headers = new StringBuilder();
        for (RawMessage.HeaderField field : message.fields()) {
            // the header section as received, in ASCII; 8-bit octets (never valid in headers anyway) become '?'
            headers.append(field.raw().replaceAll("[^\\x00-\\x7F]", "?"));
        }
        String report = "From: " + from + "\r\n"
                + "To: " + String.join(", ", to) + "\r\n"
                + "Date: " + date + "\r\n"
                + "Subject: DMARC failure report for " + dmarc.fromDomain() + " from " + envelope.clientIp() + "\r\n"
                + "Message-ID: <ruf." + UUID.randomUUID() + "@" + reporter + ">\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=feedback-report; boundary=\"" + boundary + "\"\r\n"
                + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n"
                + "\r\n"
                + "A message claiming to be from " + dmarc.fromDomain() + " failed DMARC at " + reporter + ".\r\n"
                + "It came from " + envelope.clientIp() + " on " + arrival + "; its header section is attached.\r\n"
                + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: message/feedback-report\r\n"
                + "\r\n"
                + "Feedback-Type: auth-failure\r\n"
                + "User-Agent: Mailfleet spam-filter\r\n"
                + "Version: 1\r\n"
                + "Original-Envelope-Id: " + envelope.messageId() + "\r\n"
                + "Original-Mail-From: <" + envelope.mailFrom() + ">\r\n"
                + "Arrival-Date: " + arrival + "\r\n"
                + "Reporting-MTA: dns; " + reporter + "\r\n"
                + "Source-IP: " + envelope.clientIp() + "\r\n"
                + "Reported-Domain: " + dmarc.fromDomain() + "\r\n"
                + authenticationResults
                + "Auth-Failure: dmarc\r\n"
                + "Identity-Alignment: " + (aligned.isEmpty() ? "none" : String.join(", ", aligned)) + "\r\n"
                + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: text/rfc822-headers\r\n"
                + "\r\n"
                + headers
                + "\r\n"
                + "--" + boundary + "--\r\n";
        return report.getBytes(StandardCharsets.US_ASCII);
    }
}
