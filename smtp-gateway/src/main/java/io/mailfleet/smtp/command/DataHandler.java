package io.mailfleet.smtp.command;

import io.mailfleet.smtp.SmtpConfig;
import io.mailfleet.smtp.delivery.MessageAcceptance;
import io.mailfleet.smtp.protocol.DataDecoder;
import io.mailfleet.smtp.protocol.MessageBuffer;
import io.mailfleet.smtp.protocol.SmtpReply;
import io.mailfleet.smtp.session.CommandResult;
import io.mailfleet.smtp.session.ContentReader;
import io.mailfleet.smtp.session.SmtpSession;
import io.mailfleet.smtp.session.Transaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * DATA (RFC 5321 4.1.1.4): 354, then the dot-stuffed content up to {@code CRLF.CRLF}. Content with a
 * bare CR or LF is refused whole (SMTP smuggling, see {@link DataDecoder}); content over the size limit is
 * read to its end and refused with 552 5.3.4.
 */
@ApplicationScoped
public class DataHandler implements CommandHandler {

    private final SmtpConfig config;
    private final MessageAcceptance acceptance;

    public DataHandler(SmtpConfig config, MessageAcceptance acceptance) {
        this.config = config;
        this.acceptance = acceptance;
    }

    @Override
    public Set<String> verbs() {
        return Set.of("DATA");
    }

    @Override
    public Uni<CommandResult> handle(SmtpSession session, String verb, String argument) {
        if (!argument.isEmpty()) {
            return Replies.noParameters(verb);
        }
        Transaction transaction = session.transaction();
        if (transaction == null) {
            return Replies.sequence("Need MAIL command");
        }
        if (transaction.recipients().isEmpty()) {
            return Replies.now(554, "5.5.1", "No valid recipients");
        }
        if (transaction.chunks() != null) {
            return Replies.sequence("DATA cannot follow BDAT in one transaction");
        }
        session.readContent(new DataContent(new DataDecoder(new MessageBuffer(config.limits().maxMessageSize()))));
        return Replies.now(CommandResult.then(SmtpReply.plain(354, "End data with <CR><LF>.<CR><LF>"),
                CommandResult.Next.CONTENT));
    }

    private final class DataContent implements ContentReader {

        private final DataDecoder decoder;

        DataContent(DataDecoder decoder) {
            this.decoder = decoder;
        }

        @Override
        public int accept(byte[] source, int offset, int length) {
            return decoder.accept(source, offset, length);
        }

        @Override
        public boolean finished() {
            return decoder.complete();
        }

        @Override
        public Uni<CommandResult> finish(SmtpSession session) {
            if (decoder.bareLineEnding()) {
                return refuse(session, 554, "5.5.2", "Message refused: bare CR or LF in the data (only CRLF ends a line)");
            }
            if (decoder.content().oversized()) {
                return refuse(session, 552, "5.3.4", "Message size exceeds fixed limit of " + config.limits().maxMessageSize() + " octets");
            }
            return acceptance.accept(session, decoder.content().toByteArray());
        }
    }

    Uni<CommandResult> refuse(SmtpSession session, int code, String status, String text) {
        session.endTransaction();
        acceptance.refused(session, code);
        return Replies.now(code, status, text);
    }
}
