package io.mailfleet.smtp.session;

import io.mailfleet.smtp.protocol.InputBuffer;
import io.smallrye.mutiny.Uni;

/** Consumes message content (DATA up to its end, or one BDAT chunk) and then produces the reply. */
public interface ContentReader extends InputBuffer.StoppingByteSink {

    /** All octets of this content have been consumed. */
    boolean finished();

    /** Called once {@link #finished()}: accept or refuse what was read. */
    Uni<CommandResult> finish(SmtpSession session);
}
