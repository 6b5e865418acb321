package io.mailfleet.imap;

import io.mailfleet.imap.support.DirectoryServerResource;
import io.mailfleet.imap.support.ImapTranscript;
import io.mailfleet.testing.KafkaResource;
import io.mailfleet.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The inactivity limits, shortened so the test can watch them fire. */
@QuarkusTest
@TestProfile(InactivityTimeoutTest.ShortTimeouts.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(DirectoryServerResource.class)
class InactivityTimeoutTest {

    public static class ShortTimeouts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mailfleet.imap.limits.unauthenticated-timeout", "1s",
                    "mailfleet.imap.limits.pop3-timeout", "1s");
        }
    }

    @Inject
    MailAccessListeners listeners;

    @Test
    void idleUnauthenticatedImapConnectionIsClosedWithBye() throws IOException {
        try (ImapTranscript imap = ImapTranscript.connect(listeners.boundPort("imap"))) {
            assertThat(imap.line()).startsWith("* OK");
            long start = System.nanoTime();
            assertThat(imap.lineWithin(5000)).isEqualTo("* BYE autologout: idle for too long");
            assertThat(imap.closedByServer()).isTrue();
            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(500L, 5000L);
        }
    }

    @Test
    void activityKeepsTheConnectionUntilItStops() throws IOException {
        try (ImapTranscript imap = ImapTranscript.connect(listeners.boundPort("imap"))) {
            imap.line();
            // commands well inside the limit each: the connection stays
            for (int i = 0; i < 3; i++) {
                assertThat(imap.lineWithin(600)).isNull();
                assertThat(ImapProtocolTest.last(imap.command("NOOP"))).endsWith("OK NOOP completed.");
            }
            assertThat(imap.lineWithin(5000)).isEqualTo("* BYE autologout: idle for too long");
        }
    }

    @Test
    void idlePop3ConnectionIsClosed() throws IOException {
        try (ImapTranscript pop3 = ImapTranscript.connect(listeners.boundPort("pop3"))) {
            assertThat(pop3.line()).startsWith("+OK");
            assertThat(pop3.lineWithin(5000)).isEqualTo("-ERR autologout: idle for too long");
            assertThat(pop3.closedByServer()).isTrue();
        }
    }
}
