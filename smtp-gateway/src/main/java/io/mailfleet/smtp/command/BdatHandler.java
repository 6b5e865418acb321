package io.mailfleet.smtp.command;

import io.mailfleet.smtp.SmtpConfig;
import io.mailfleet.smtp.delivery.MessageAcceptance;
import io.mailfleet.smtp.protocol.ChunkDecoder;
import io.mailfleet.smtp.protocol.MessageBuffer;
import io.mailfleet.smtp.protocol.SmtpReply;
import io.mailfleet.smtp.session.CommandResult;
import io.mailfleet.smtp.session.ContentReader;
import io.mailfleet.smtp.session.SmtpSession;
import io.mailfleet.smtp.session.Transaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BDAT (CHUNKING, RFC 3030): {@code BDAT <size> [LAST]} followed by exactly that many octets. The octets
 * are read even when the command is refused, otherwise they would be taken for commands; a refused
 * chunk ends the transaction, so the rest of the message's chunks are refused too.
 */
@ApplicationScoped
public class BdatHandler implements CommandHandler {

    private static final Pattern ARGUMENT = Pattern.compile("([0-9]{1,18})(?: +(LAST))?", Pattern.CASE_INSENSITIVE);

    private final SmtpConfig config;
    private final MessageAcceptance acceptance;

    public BdatHandler(SmtpConfig config, MessageAcceptance acceptance) {
        this.config = config;
        this.acceptance = acceptance;
    }

    @Override
    public Set<String> verbs() {
        return Set.of("BDAT");
    }

    @Override
    public Uni<CommandResult> handle(SmtpSession session, String verb, String argument) {
        Matcher matcher = ARGUMENT.matcher(argument);
        if (!matcher.matches()) {
            // the chunk length is unknown, so where the next command starts is unknown: end the session
            return Replies.now(CommandResult.then(SmtpReply.of(501, "5.5.4",
                    "Syntax: BDAT size [LAST]; closing connection"), CommandResult.Next.CLOSE));
        }
        long size = Long.parseLong(matcher.group(1));
        boolean last = matcher.group(2) != null && matcher.group(2).toUpperCase(Locale.ROOT).equals("LAST");
        Transaction transaction = session.transaction();
        ChunkDecoder decoder;
        if (transaction != null && !transaction.recipients().isEmpty()) {
            if (transaction.chunks() == null) {
                transaction.startChunks(new ChunkDecoder(new MessageBuffer(config.limits().maxMessageSize())));
            }
            decoder = transaction.chunks();
        } else {
            decoder = new ChunkDecoder(new MessageBuffer(0)); // swallowed, then refused
        }
        decoder.expect(size);
        session.readContent(new Chunk(decoder, size, last));
        return Replies.now(CommandResult.then(null, CommandResult.Next.CONTENT));
    }

    private final class Chunk implements ContentReader {

        private final ChunkDecoder decoder;
        private final long size;
        private final boolean last;

        Chunk(ChunkDecoder decoder, long size, boolean last) {
            this.decoder = decoder;
            this.size = size;
            this.last = last;
        }

        @Override
        public int accept(byte[] source, int offset, int length) {
            return decoder.accept(source, offset, length);
        }

        @Override
        public boolean finished() {
            return decoder.chunkComplete();
        }

        @Override
        public Uni<CommandResult> finish(SmtpSession session) {
            Transaction transaction = session.transaction();
            if (transaction == null) {
                return Replies.sequence("Need MAIL command");
            }
            if (transaction.recipients().isEmpty()) {
                return Replies.now(554, "5.5.1", "No valid recipients");
            }
            if (decoder.content().oversized()) {
                return refuse(session, 552, "5.3.4", "Message size exceeds fixed limit of " + config.limits().maxMessageSize() + " octets");
            }
            if (decoder.bareLineEnding(last)) {
                return refuse(session, 554, "5.5.2", "Message refused: bare CR or LF in the data (only CRLF ends a line)");
            }
            if (!last) {
                return Replies.now(250, "2.0.0", size + " octets received");
            }
            return acceptance.accept(session, decoder.content().toByteArray());
        }
    }

    private Uni<CommandResult> refuse(SmtpSession session, int code, String status, String text) {
        session.endTransaction();
        acceptance.refused(session, code);
        return Replies.now(code, status, text);
    }
}
