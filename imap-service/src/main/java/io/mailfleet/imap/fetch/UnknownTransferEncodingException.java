package io.mailfleet.imap.fetch;

/** BINARY of a part whose Content-Transfer-Encoding the server cannot decode (RFC 3516 4.3: NO [UNKNOWN-CTE]). */
public final class UnknownTransferEncodingException extends RuntimeException {

    public UnknownTransferEncodingException(String encoding) {
        super("unknown Content-Transfer-Encoding " + encoding, null, false, false);
    }
}
