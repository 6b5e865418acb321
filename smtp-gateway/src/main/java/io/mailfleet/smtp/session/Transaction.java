package io.mailfleet.smtp.session;

import io.mailfleet.events.Recipient;
import io.mailfleet.smtp.protocol.ChunkDecoder;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One mail transaction (RFC 5321 3.3): from MAIL to the end of data, RSET, or a new HELO/EHLO. */
public final class Transaction {

    private final String mailFrom;
    private final Map<String, String> mailParameters;
    private final boolean smtpUtf8;
    private final List<Recipient> recipients = new ArrayList<>();
    /** Set by the first BDAT; the chunks of one message accumulate here. */
    private ChunkDecoder chunks;

    public Transaction(String mailFrom, Map<String, String> mailParameters) {
        this.mailFrom = mailFrom;
        // a keyword without value (SMTPUTF8, REQUIRETLS) is carried with an empty value
        Map<String, String> parameters = new LinkedHashMap<>();
        mailParameters.forEach((keyword, value) -> parameters.put(keyword, value == null ? "" : value));
        this.mailParameters = Collections.unmodifiableMap(parameters);
        this.smtpUtf8 = mailParameters.containsKey("SMTPUTF8");
    }

    public String mailFrom() {
        return mailFrom;
    }

    /** RFC 3461/6531/8689 MAIL parameters (RET, ENVID, BODY, SMTPUTF8, REQUIRETLS), for the envelope. */
    public Map<String, String> mailParameters() {
        return mailParameters;
    }

    public boolean smtpUtf8() {
        return smtpUtf8;
    }

    public List<Recipient> recipients() {
        return recipients;
    }

    public void addRecipient(Recipient recipient) {
        recipients.add(recipient);
    }

    public ChunkDecoder chunks() {
        return chunks;
    }

    public void startChunks(ChunkDecoder decoder) {
        this.chunks = decoder;
    }
}
