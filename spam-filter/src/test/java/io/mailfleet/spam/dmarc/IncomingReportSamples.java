package io.mailfleet.spam.dmarc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

/** Aggregate reports as other receivers send them, for the parser and end-to-end tests. */
final class IncomingReportSamples {

    private IncomingReportSamples() {
    }

    /** An RFC 7489 Appendix C report with two records (the second with a DKIM and an SPF result). */
    static String report(String org, String reportId, String domain) {
        return """
                <?xml version="1.0" encoding="UTF-8" ?>
                <feedback>
                  <version>1.0</version>
                  <report_metadata>
                    <org_name>%s</org_name>
                    <email>noreply-dmarc-support@%s</email>
                    <report_id>%s</report_id>
                    <date_range><begin>1795737600</begin><end>1795823999</end></date_range>
                  </report_metadata>
                  <policy_published>
                    <domain>%s</domain><adkim>r</adkim><aspf>s</aspf><p>quarantine</p><sp>none</sp><pct>50</pct>
                  </policy_published>
                  <record>
                    <row>
                      <source_ip>192.0.2.10</source_ip><count>12</count>
                      <policy_evaluated><disposition>none</disposition><dkim>pass</dkim><spf>pass</spf></policy_evaluated>
                    </row>
                    <identifiers><header_from>%s</header_from></identifiers>
                    <auth_results><dkim><domain>%s</domain><selector>s1</selector><result>pass</result></dkim></auth_results>
                  </record>
                  <record>
                    <row>
                      <source_ip>2001:db8::7</source_ip><count>3</count>
                      <policy_evaluated><disposition>quarantine</disposition><dkim>fail</dkim><spf>fail</spf></policy_evaluated>
                    </row>
                    <identifiers><envelope_to>them.example</envelope_to><envelope_from>bounce.example</envelope_from><header_from>%s</header_from></identifiers>
                    <auth_results>
                      <dkim><domain>forger.example</domain><result>fail</result></dkim>
                      <spf><domain>bounce.example</domain><scope>mfrom</scope><result>softfail</result></spf>
                    </auth_results>
                  </record>
                </feedback>
                """.formatted(org, org.toLowerCase(), reportId, domain, domain, domain, domain);
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A message with a text part and the given attachments (content type, file name, bytes), base64 encoded. */
    static byte[] message(String from, String to, Attachment... attachments) {
        StringBuilder mime = new StringBuilder()
                .append("From: ").append(from).append("\r\nTo: ").append(to)
                .append("\r\nSubject: Report Domain: reports Submitter: them\r\nMIME-Version: 1.0\r\n")
                .append("Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n")
                .append("--b1\r\nContent-Type: text/plain\r\n\r\nThis is an aggregate report.\r\n");
        for (Attachment attachment : attachments) {
            mime.append("--b1\r\nContent-Type: ").append(attachment.type()).append("\r\nContent-Transfer-Encoding: base64\r\n")
                    .append("Content-Disposition: attachment; filename=\"").append(attachment.name()).append("\"\r\n\r\n")
                    .append(Base64.getMimeEncoder().encodeToString(attachment.bytes())).append("\r\n");
        }
        mime.append("--b1--\r\n");
        return mime.toString().getBytes(StandardCharsets.US_ASCII);
    }

    record Attachment(String type, String name, byte[] bytes) {
    }
}
