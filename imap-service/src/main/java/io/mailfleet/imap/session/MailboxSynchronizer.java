package io.mailfleet.imap.session;

import io.mailfleet.imap.store.IndexEntry;
import io.mailfleet.imap.store.MessageIndex;
import io.mailfleet.mailstore.MailboxState;
import io.mailfleet.mailstore.Mailboxes;
import io.mailfleet.mailstore.Messages;
import io.mailfleet.mailstore.SystemFlag;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * Brings a session's {@link SelectedMailbox} up to date with the mailstore and announces the difference
 * (RFC 9051 5.2, 7.4): EXPUNGE for messages gone, EXISTS (and RECENT) for new ones, FETCH FLAGS for flag
 * changes. It compares HIGHESTMODSEQ first, so an unchanged mailbox costs one small query; otherwise it
 * reads only what changed since the modseq the view last saw. Changes made by other sessions, other
 * replicas and deliveries are all found the same way.
 */
@ApplicationScoped
public class MailboxSynchronizer {

    private final Mailboxes mailboxes;
    private final Messages messages;
    private final MessageIndex index;
    private final RecentClaims recentClaims;

    MailboxSynchronizer(Mailboxes mailboxes, Messages messages, MessageIndex index, RecentClaims recentClaims) {
        this.mailboxes = mailboxes;
        this.messages = messages;
        this.index = index;
        this.recentClaims = recentClaims;
    }

    /** The view of a mailbox being selected: every UID, and the \Recent ones this session claims (not for EXAMINE). */
    public Uni<SelectedMailbox> open(ImapSession session, MailboxState state, boolean readOnly) {
        return index.changedSince(session.accountId(), state.id(), 0).map(entries -> {
            SelectedMailbox view = new SelectedMailbox(state.id(), state.name(), readOnly, state.uidValidity(), state.specialUse());
            view.reserve(entries.size());
            for (IndexEntry entry : entries) {
                view.add(entry.uid());
                view.learnKeywords(entry.flags().keywords());
                if (view.firstUnseen() == 0 && !entry.flags().has(SystemFlag.SEEN)) {
                    view.firstUnseen(view.exists());
                }
            }
            view.known(state.highestModseq(), state.uidNext());
            long[] earlier = session.recentClaimed(state.id());
            if (earlier != null) {
                view.recent(earlier[0], earlier[1]);
            }
            if (view.lastUid() > 0) {
                if (readOnly) {
                    // EXAMINE shows what is recent without taking it from the next SELECT
                    view.recent(recentClaims.claimedUpTo(state.id()) + 1, view.lastUid());
                } else {
                    claim(session, view);
                }
            }
            return view;
        });
    }

    public Uni<Void> synchronize(ImapSession session, ImapResponder out, boolean announceExpunges) {
        SelectedMailbox view = session.selected();
        if (view == null || !announceExpunges) {
            return Uni.createFrom().voidItem();
        }
        String accountId = session.accountId();
        return mailboxes.state(accountId, view.id()).chain(found -> {
            if (found.isEmpty()) {
                // deleted by another session: nothing sensible can be said about its messages any more
                out.untagged("BYE Selected mailbox has been deleted");
                session.logout();
                session.channel().close();
                return Uni.createFrom().voidItem();
            }
            MailboxState state = found.get();
            if (state.highestModseq() == view.knownModseq() && state.uidNext() == view.knownUidNext()) {
                return Uni.createFrom().voidItem();
            }
            long since = view.knownModseq();
            return messages.expungedSince(accountId, view.id(), since)
                    .chain(expunged -> index.changedSince(accountId, view.id(), since)
                            .invoke(changed -> apply(session, view, state, expunged, changed, out)))
                    .replaceWithVoid();
        });
    }

    private void claim(ImapSession session, SelectedMailbox view) {
        long first = recentClaims.claim(view.id(), view.lastUid());
        if (first <= view.lastUid()) {
            view.recent(first, view.lastUid());
            session.recentClaimed(view.id(), first, view.lastUid());
        }
    }

    private void apply(ImapSession session, SelectedMailbox view, MailboxState state, List<Long> expunged,
                       List<IndexEntry> changed, ImapResponder out) {
        if (session.selected() != view) {
            return; // the client selected another mailbox meanwhile
        }
        ExpungeResponses.announce(session, view, expunged, out);
        long lastKnown = view.lastUid();
        boolean newKeywords = false;
        for (IndexEntry entry : changed) {
            newKeywords |= view.learnKeywords(entry.flags().keywords());
        }
        if (newKeywords) {
            FlagsFormat.announceKeywords(view, out);
        }
        List<IndexEntry> flagChanges = new ArrayList<>();
        for (IndexEntry entry : changed) {
            if (entry.uid() > lastKnown) {
                view.add(entry.uid());
            } else if (view.msnOf(entry.uid()) > 0) {
                flagChanges.add(entry);
            }
        }
        if (view.lastUid() > lastKnown) {
            if (!view.readOnly()) {
                claim(session, view);
            }
            out.untagged(view.exists() + " EXISTS");
            if (!session.rev2()) {
                out.untagged(view.recentCount() + " RECENT");
            }
        }
        for (IndexEntry entry : flagChanges) {
            // a QRESYNC client keys its cache by UID: unsolicited FETCH responses name it (RFC 7162 3.2.4)
            out.untagged(view.msnOf(entry.uid()) + " FETCH ("
                    + (session.enabled(ImapSession.QRESYNC) ? "UID " + entry.uid() + " " : "")
                    + "FLAGS " + FlagsFormat.render(entry.flags(), view.isRecent(entry.uid()))
                    + (session.enabled(ImapSession.CONDSTORE) ? " MODSEQ (" + entry.modseq() + ")" : "") + ")");
        }
        view.known(state.highestModseq(), state.uidNext());
    }
}
