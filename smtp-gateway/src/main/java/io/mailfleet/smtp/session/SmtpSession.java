package io.mailfleet.smtp.session;

import io.mailfleet.directory.AuthResult;
import io.mailfleet.directory.TenantPolicy;
import io.mailfleet.events.TlsInfo;
import io.smallrye.mutiny.Uni;

import java.util.function.Function;

/**
 * The protocol state of one SMTP connection: what the client said about itself (HELO), what it proved
 * (TLS, AUTH) and the transaction in progress. Touched only from the connection's event-loop thread.
 */
public final class SmtpSession {

    private final String id;
    private final Listener listener;
    private final String clientIp;
    private final boolean tlsAvailable;
    private String helo;
    private String clientName;
    private boolean extended;
    private TlsInfo tls;
    private AuthResult authenticated;
    private TenantPolicy senderPolicy;
    private String dnsblZone;
    private Transaction transaction;
    private int badCommands;
    private ContentReader contentReader;
    private Function<String, Uni<CommandResult>> continuation;

    public SmtpSession(String id, Listener listener, String clientIp, boolean tlsAvailable) {
        this.id = id;
        this.listener = listener;
        this.clientIp = clientIp;
        this.tlsAvailable = tlsAvailable;
    }

    public String id() {
        return id;
    }

    public Listener listener() {
        return listener;
    }

    public String clientIp() {
        return clientIp;
    }

    /** The client's forward-confirmed reverse DNS name; null when unknown, unconfirmed or not (yet) looked up. */
    public String clientName() {
        return clientName;
    }

    public void clientNameConfirmed(String name) {
        this.clientName = name;
    }

    /** STARTTLS may be offered: a certificate is there, TLS is not active yet, and the listener wants it. */
    public boolean starttlsOffered() {
        return tlsAvailable && tls == null;
    }

    public String helo() {
        return helo;
    }

    public boolean greeted() {
        return helo != null;
    }

    /** The client said EHLO (not HELO): extensions may be used. */
    public boolean extended() {
        return extended;
    }

    /** HELO/EHLO: a new greeting also aborts any transaction (RFC 5321 4.1.4). */
    public void greet(String heloName, boolean esmtp) {
        this.helo = heloName;
        this.extended = esmtp;
        this.transaction = null;
    }

    public TlsInfo tls() {
        return tls;
    }

    /** After the TLS handshake: everything learnt before it is forgotten (RFC 3207 4.2). */
    public void tlsEstablished(TlsInfo info) {
        this.tls = info;
        this.helo = null;
        this.extended = false;
        this.authenticated = null;
        this.senderPolicy = null;
        this.transaction = null;
    }

    public AuthResult authenticated() {
        return authenticated;
    }

    /** A successful AUTH, with the policy (sending limits) of the account's tenant. */
    public void authenticate(AuthResult result, TenantPolicy policy) {
        this.authenticated = result;
        this.senderPolicy = policy;
    }

    /** The policy of the authenticated account's tenant; null before AUTH. */
    public TenantPolicy senderPolicy() {
        return senderPolicy;
    }

    /** The DNSBL zone listing the client (MX only), or null: its recipients are refused unless their tenant allows the client. */
    public String dnsblZone() {
        return dnsblZone;
    }

    public void dnsblListed(String zone) {
        this.dnsblZone = zone;
    }

    public Transaction transaction() {
        return transaction;
    }

    public void begin(Transaction newTransaction) {
        this.transaction = newTransaction;
    }

    /** RSET, end of data, or a failed message. */
    public void endTransaction() {
        this.transaction = null;
        this.contentReader = null;
    }

    /** Counts a bad command; returns the count so far. */
    public int badCommand() {
        return ++badCommands;
    }

    public ContentReader contentReader() {
        return contentReader;
    }

    public void readContent(ContentReader reader) {
        this.contentReader = reader;
    }

    public Function<String, Uni<CommandResult>> continuation() {
        return continuation;
    }

    /** The next line goes to {@code handler} instead of the command dispatcher (null: back to commands). */
    public void continueWith(Function<String, Uni<CommandResult>> handler) {
        this.continuation = handler;
    }
}
