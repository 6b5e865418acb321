package io.mailfleet.smtp.delivery;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SubmissionHeadersTest {

    private static final ZonedDateTime AT = ZonedDateTime.of(2026, 11, 28, 1, 2, 3, 0, ZoneOffset.UTC);

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void addsOnlyWhatIsMissingAndIgnoresTheBody() {
        assertEquals("Message-ID: <q1@mx.example>\r\nDate: Sat, 28 Nov 2026 01:02:03 +0000\r\n",
                new String(SubmissionHeaders.missing(bytes("Subject: x\r\n\r\nMessage-ID: <in body>\r\nDate: no\r\n"), "mx.example", "q1", AT),
                        StandardCharsets.US_ASCII));
        assertEquals("", new String(SubmissionHeaders.missing(bytes("MESSAGE-id: <a@b>\r\ndate: Fri, 27 Nov 2026 00:00:00 +0000\r\n\r\n"),
                "mx.example", "q1", AT), StandardCharsets.US_ASCII));
    }

    @Test
    void fromAddressesAcrossFoldedLinesAndSeveralMailboxes() {
        assertEquals(Optional.of(List.of("a@example.com", "b@example.com")), SubmissionHeaders.fromAddresses(
                bytes("Subject: s\r\nFrom: \"A, Person\" <a@example.com>,\r\n\tB <b@example.com>\r\nTo: c@example.com\r\n\r\nFrom: x@y\r\n")));
        assertEquals(Optional.of(List.of()), SubmissionHeaders.fromAddresses(bytes("Subject: none\r\n\r\n")));
        assertEquals(Optional.empty(), SubmissionHeaders.fromAddresses(bytes("From: nobody at all\r\n\r\n")));
    }
}
