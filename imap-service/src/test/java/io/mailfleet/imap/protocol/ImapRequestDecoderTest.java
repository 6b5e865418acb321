package io.mailfleet.imap.protocol;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Framing of commands and literals, and the limits, byte by byte (pure logic, no socket). */
class ImapRequestDecoderTest {

    private final List<String> events = new ArrayList<>();

    private final ImapRequestDecoder decoder = new ImapRequestDecoder(new ImapRequestDecoder.Listener() {
        @Override
        public void command(byte[] raw) {
            events.add("command:" + new String(raw, StandardCharsets.UTF_8));
        }

        @Override
        public void line(String line) {
            events.add("line:" + line);
        }

        @Override
        public void continuationWanted() {
            events.add("continue");
        }

        @Override
        public void refused(String tag, String response) {
            events.add("refused:" + tag + " " + response);
        }

        @Override
        public void fatal(String reason) {
            events.add("fatal:" + reason);
        }
    }, 100, 50, 80);

    private void feed(String text) {
        decoder.feed(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void framesOneCommandAtATimeAcrossArbitraryChunks() {
        feed("a1 NO");
        assertThat(events).isEmpty();
        feed("OP\r\na2 CAPA");
        assertThat(events).containsExactly("command:a1 NOOP");
        decoder.resume();
        feed("BILITY\r\n");
        assertThat(events).containsExactly("command:a1 NOOP", "command:a2 CAPABILITY");
    }

    @Test
    void synchronizingLiteralAsksForContinuationAndIsKeptInline() {
        feed("a1 LOGIN {4}\r\n");
        assertThat(events).containsExactly("continue");
        feed("user {6+}\r\nsecret\r\n");
        assertThat(events).containsExactly("continue", "command:a1 LOGIN {4}\r\nuser {6+}\r\nsecret");
        ImapArgumentReader args = new ImapArgumentReader("a1 LOGIN {4}\r\nuser {6+}\r\nsecret".getBytes(StandardCharsets.UTF_8));
        assertThat(args.tag()).isEqualTo("a1");
        args.sp();
        assertThat(args.atom()).isEqualTo("LOGIN");
        args.sp();
        assertThat(args.astring()).isEqualTo("user");
        args.sp();
        assertThat(args.astring()).isEqualTo("secret");
        args.end();
    }

    @Test
    void literalOverTheLimitIsRefusedAndNonSynchronizingOnesAreSkipped() {
        feed("a1 APPEND INBOX {51}\r\n");
        assertThat(events).containsExactly("refused:a1 NO [TOOBIG] literal too large (max 50 octets)");
        feed("a2 APPEND INBOX {60+}\r\n" + "x".repeat(60) + "\r\na3 NOOP\r\n");
        assertThat(events).containsExactly("refused:a1 NO [TOOBIG] literal too large (max 50 octets)",
                "refused:a2 NO [TOOBIG] literal too large (max 50 octets)", "command:a3 NOOP");
    }

    @Test
    void commandOverTheTotalLimitIsRefused() {
        feed("a1 APPEND INBOX {40+}\r\n" + "x".repeat(40) + " {40}\r\n");
        assertThat(events).containsExactly("refused:a1 BAD [TOOBIG] command too large");
    }

    @Test
    void overlongLineIsFatalAndStopsFraming() {
        feed("a1 NOOP " + "x".repeat(120));
        assertThat(events).containsExactly("fatal:command line too long");
        feed("\r\na2 NOOP\r\n");
        assertThat(events).hasSize(1);
    }

    @Test
    void lineModeDeliversRawLinesAndStartTlsDiscardsWhatWasPipelined() {
        decoder.lineMode(true);
        feed("{5}\r\n");
        assertThat(events).containsExactly("line:{5}");
        decoder.lineMode(false);
        feed("a9 LOGIN x y\r\n");
        decoder.discardBuffered();
        decoder.resume();
        assertThat(events).containsExactly("line:{5}");
    }
}
