package io.mailfleet.imap.conformance;

import io.mailfleet.imap.MailAccessListeners;
import io.mailfleet.imap.support.DirectoryServerResource;
import io.mailfleet.testing.KafkaResource;
import io.mailfleet.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.james.mpt.api.Session;
import org.apache.james.mpt.protocol.FileProtocolSessionBuilder;
import org.apache.james.mpt.protocol.ProtocolSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

/**
 * Apache James's IMAP protocol scripts ({@code apache-james-mpt-imapmailbox-core}, run by James's own
 * MPT engine) against this server over a real socket. Each script gets a fresh account behind James's
 * fixed login and the state James's suites give it (welcome only, logged in, or logged in with the
 * "selected" mailbox of SelectedStateSetup.test). The greeting text a script expects is James's own
 * and is matched loosely; nothing else in a script is changed. Scripts in {@link ConformanceScripts#EXCLUDED} are
 * reported as skipped with their reason; docs/conformance.md lists both sets.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(DirectoryServerResource.class)
class JamesImapConformanceTest {

    private static final String SCRIPTS = "/org/apache/james/imap/scripts/";

    @Inject
    MailAccessListeners listeners;

    @TestFactory
    Stream<DynamicTest> jamesScripts() {
        return ConformanceScripts.ALL.entrySet().stream()
                .map(script -> DynamicTest.dynamicTest(script.getKey(), () -> run(script.getKey(), script.getValue())));
    }

    /** James's greeting text is James's own; a script that expects it accepts any OK greeting. */
    private static final String JAMES_GREETING = "S: \\* OK IMAP4rev1 Server ready";

    private void run(String script, ConformanceScripts.State state) throws Exception {
        String excluded = ConformanceScripts.EXCLUDED.get(script);
        Assumptions.assumeTrue(excluded == null, () -> "excluded: " + excluded);
        DirectoryServerResource.bindFresh("imapuser", "password", "mpt");
        FileProtocolSessionBuilder builder = new FileProtocolSessionBuilder();
        ProtocolSession protocol = new ProtocolSession();
        if (!text(script).contains(JAMES_GREETING)) {
            protocol.sl("\\* OK .*", "welcome");
        }
        if (state != ConformanceScripts.State.NOT_AUTHENTICATED) {
            protocol.cl("a001 LOGIN imapuser password");
            protocol.sl("a001 OK .*", "login");
        }
        if (state == ConformanceScripts.State.SELECTED) {
            add(builder, protocol, "SelectedStateSetup");
        }
        // James's SelectedStateCleanup.test is not run: every script starts on a fresh account anyway
        add(builder, protocol, script);
        int port = listeners.boundPort("imaps");
        Session[] sessions = new Session[Math.max(1, protocol.getSessionCount())];
        for (int i = 0; i < sessions.length; i++) {
            sessions[i] = new TlsScriptSession(port, protocol::doContinue);
            sessions[i].start();
        }
        try {
            protocol.runSessions(sessions);
        } finally {
            for (Session session : sessions) {
                session.stop();
            }
        }
    }

    private static void add(FileProtocolSessionBuilder builder, ProtocolSession protocol, String script) throws Exception {
        String text = text(script).replace(JAMES_GREETING, "S: \\* OK .*");
        builder.addProtocolLinesFromStream(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), protocol, script + ".test");
    }

    private static String text(String script) throws IOException {
        try (InputStream in = JamesImapConformanceTest.class.getResourceAsStream(SCRIPTS + script + ".test")) {
            if (in == null) {
                throw new IllegalStateException("no James script " + script);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
