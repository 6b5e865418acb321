package io.mailfleet.imap.session;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The state of one IMAP connection (RFC 9051 3): who is logged in, which mailbox is selected, what the
 * client enabled. Touched only from the connection's own event loop, one command at a time.
 */
public final class ImapSession {

    public static final String IMAP4REV2 = "IMAP4REV2";
    public static final String UTF8_ACCEPT = "UTF8=ACCEPT";
    public static final String CONDSTORE = "CONDSTORE";
    public static final String QRESYNC = "QRESYNC";

    private final String id;
    private final String clientIp;
    private final SessionChannel channel;
    private SessionState state = SessionState.NOT_AUTHENTICATED;
    private Principal principal;
    private SelectedMailbox selected;
    private final Set<String> enabled = new HashSet<>();
    private int authFailures;
    private boolean idling;
    /** \\Recent UID ranges this session claimed, by mailbox id: they stay recent here when it selects the mailbox again. */
    private final java.util.Map<Long, long[]> recentClaimed = new java.util.HashMap<>();

    public ImapSession(String id, String clientIp, SessionChannel channel) {
        this.id = id;
        this.clientIp = clientIp;
        this.channel = channel;
    }

    public String id() {
        return id;
    }

    public String clientIp() {
        return clientIp;
    }

    public SessionChannel channel() {
        return channel;
    }

    public SessionState state() {
        return state;
    }

    public Principal principal() {
        return principal;
    }

    public String accountId() {
        return principal.accountId();
    }

    public void authenticated(Principal principal) {
        this.principal = principal;
        this.state = SessionState.AUTHENTICATED;
    }

    public SelectedMailbox selected() {
        return selected;
    }

    public void select(SelectedMailbox mailbox) {
        this.selected = mailbox;
        this.state = SessionState.SELECTED;
    }

    public void unselect() {
        this.selected = null;
        if (state == SessionState.SELECTED) {
            state = SessionState.AUTHENTICATED;
        }
    }

    public void logout() {
        this.state = SessionState.LOGOUT;
    }

    public boolean enable(String capability) {
        return enabled.add(capability.toUpperCase(Locale.ROOT));
    }

    public boolean enabled(String capability) {
        return enabled.contains(capability);
    }

    /** Whether mailbox names and strings go as UTF-8 (IMAP4rev2 or UTF8=ACCEPT enabled) rather than modified UTF-7. */
    public boolean utf8() {
        return enabled.contains(IMAP4REV2) || enabled.contains(UTF8_ACCEPT);
    }

    public boolean rev2() {
        return enabled.contains(IMAP4REV2);
    }

    public int authFailed() {
        return ++authFailures;
    }

    public long[] recentClaimed(long mailboxId) {
        return recentClaimed.get(mailboxId);
    }

    public void recentClaimed(long mailboxId, long from, long to) {
        recentClaimed.merge(mailboxId, new long[] {from, to}, (old, now) -> new long[] {Math.min(old[0], now[0]), Math.max(old[1], now[1])});
    }

    public boolean idling() {
        return idling;
    }

    public void idling(boolean idling) {
        this.idling = idling;
    }
}
