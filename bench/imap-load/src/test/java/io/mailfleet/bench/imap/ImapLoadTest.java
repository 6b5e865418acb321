package io.mailfleet.bench.imap;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The harness against {@link FakeImapServer} on a real loopback socket: it sends what it says it measured. */
class ImapLoadTest {

    @Test
    void mixRunsExactlyTheRequestedCommandsAndCountsEachOne() throws Exception {
        try (FakeImapServer server = new FakeImapServer()) {
            LoadOptions options = LoadOptions.parse(new String[]{"--port", String.valueOf(server.port()), "--tls", "false",
                    "--connections", "4", "--commands", "400", "--seed", "5", "--size", "1024",
                    "--mix", "select=1,fetch=1,search=1,store=1,append=1"});
            MixResult result = ImapLoad.mix(options);

            assertEquals(400, result.completed());
            assertEquals(0, result.brokenSessions());
            for (Operation operation : Operation.values()) {
                assertTrue(result.completed(operation) > 0, operation + " never ran");
                assertEquals(0, result.refused().get(operation));
            }
            // one SELECT by the seeding session and one per session before the clock starts
            assertEquals(1 + 4 + result.completed(Operation.SELECT), server.count("SELECT"));
            assertEquals(5 + result.completed(Operation.APPEND), server.count("APPEND"));
            assertEquals(result.completed(Operation.FETCH), server.count("FETCH"));
            assertEquals(result.completed(Operation.SEARCH), server.count("UID SEARCH"));
            assertEquals(result.completed(Operation.STORE), server.count("STORE"));
            assertEquals(1 + 4, server.count("LOGIN"));
            assertTrue(server.appendedSizes.stream().allMatch(size -> size == 1024), server.appendedSizes.toString());
            assertTrue(result.latencyMillis(Operation.FETCH, 0.5) <= result.latencyMillis(Operation.FETCH, 0.99));
            assertTrue(result.report(options).contains("commands/s"));
        }
    }

    @Test
    void idleSessionsAreHeldAndStillAnswerAfterwards() throws Exception {
        try (FakeImapServer server = new FakeImapServer()) {
            LoadOptions options = LoadOptions.parse(new String[]{"--mode", "idle", "--port", String.valueOf(server.port()),
                    "--tls", "false", "--sessions", "30", "--setup-threads", "4", "--hold", "0",
                    "--server-pid", String.valueOf(ProcessHandle.current().pid())});
            IdleResult result = ImapLoad.idle(options);

            assertEquals(30, result.idling());
            assertEquals(0, result.failed());
            assertEquals(30, result.aliveAfterHold());
            assertEquals(30, server.count("IDLE"));
            assertEquals(30, server.count("DONE"));
            assertNotNull(result.before());
            assertTrue(result.after().rssKiB() > 0);
            assertTrue(result.report(options).contains("KiB per idle session"), result.report(options));
        }
    }

    @Test
    void badOptionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse(new String[]{"--mode", "storm"}));
        assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse(new String[]{"--mix", "fetch=0"}));
        assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse(new String[]{"--mix", "expunge=3"}));
        assertThrows(IllegalArgumentException.class, () -> LoadOptions.parse(new String[]{"--size", "10"}));
        assertEquals(4096, ImapWorker.message(4096).length);
    }
}
