package io.mailfleet.mailstore;

import io.mailfleet.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The repository API IMAP uses, against a real PostgreSQL migrated by Flyway. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class MailstoreTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC);

    @Inject
    MailAccounts accounts;
    @Inject
    Mailboxes mailboxes;
    @Inject
    Messages messages;
    @Inject
    Pool pool;

    private MailboxState mailbox(String account, String name) {
        return mailboxes.state(account, name).await().atMost(WAIT).orElseThrow();
    }

    @Test
    void anAccountStartsWithInboxAndTheSpecialUseMailboxes() {
        String account = TestMail.unique("acct");
        assertTrue(accounts.ensureAccount(account).await().atMost(WAIT));
        assertFalse(accounts.ensureAccount(account).await().atMost(WAIT));

        List<MailboxState> all = mailboxes.list(account).await().atMost(WAIT);
        assertEquals(Set.of("INBOX", "Sent", "Drafts", "Junk", "Trash", "Archive"),
                all.stream().map(MailboxState::name).collect(Collectors.toSet()));
        assertEquals(Optional.of(SpecialUse.JUNK), mailbox(account, "Junk").specialUse());
        assertEquals("Trash", mailboxes.bySpecialUse(account, SpecialUse.TRASH).await().atMost(WAIT).orElseThrow().name());
        MailboxState inbox = mailbox(account, "inbox");
        assertEquals(1, inbox.uidNext());
        assertEquals(0, inbox.messages());
        // UIDVALIDITY differs per mailbox and fits IMAP's 32-bit nz-number
        assertEquals(all.size(), all.stream().map(MailboxState::uidValidity).distinct().count());
        assertTrue(all.stream().allMatch(box -> box.uidValidity() > 0 && box.uidValidity() <= 0xFFFFFFFFL));
    }

    @Test
    void hierarchiesAndSubscriptions() {
        String account = TestMail.unique("acct");
        accounts.ensureAccount(account).await().atMost(WAIT);
        mailboxes.create(account, "Projects").await().atMost(WAIT);
        MailboxState child = mailboxes.create(account, "Projects/2026").await().atMost(WAIT);
        var exists = assertThrows(MailstoreException.class, () -> mailboxes.create(account, "Projects").await().atMost(WAIT));
        assertEquals(MailstoreException.Reason.MAILBOX_EXISTS, exists.reason());

        mailboxes.rename(account, "Projects", "Work").await().atMost(WAIT);
        assertEquals(child.id(), mailbox(account, "Work/2026").id());
        assertEquals(child.uidValidity(), mailbox(account, "Work/2026").uidValidity());

        mailboxes.subscribe(account, "Work/2026", false).await().atMost(WAIT);
        assertFalse(mailbox(account, "Work/2026").subscribed());

        var protectedBox = assertThrows(MailstoreException.class, () -> mailboxes.delete(account, "Junk").await().atMost(WAIT));
        assertEquals(MailstoreException.Reason.MAILBOX_PROTECTED, protectedBox.reason());
        mailboxes.delete(account, "Work").await().atMost(WAIT);
        assertTrue(mailboxes.state(account, "Work").await().atMost(WAIT).isEmpty());
        assertTrue(mailboxes.state(account, "Work/2026").await().atMost(WAIT).isPresent());
    }

    @Test
    void appendFetchStoreExpungeWithModseqs() {
        String account = TestMail.unique("acct");
        accounts.ensureAccount(account).await().atMost(WAIT);
        MailboxState inbox = mailbox(account, "INBOX");
        byte[] first = TestMail.message("first", "alpha words");
        byte[] second = TestMail.message("second", "beta words");

        AppendResult a = messages.append(account, inbox.id(), first, Flags.NONE, NOW).await().atMost(WAIT);
        AppendResult b = messages.append(account, inbox.id(), second, Flags.of(SystemFlag.SEEN), NOW).await().atMost(WAIT);
        assertEquals(1, a.uid());
        assertEquals(2, b.uid());
        assertEquals(inbox.uidValidity(), b.uidValidity());
        assertTrue(b.modseq() > a.modseq());

        MailboxState selected = mailbox(account, "INBOX");
        assertEquals(3, selected.uidNext());
        assertEquals(2, selected.messages());
        assertEquals(1, selected.unseen());
        assertEquals(b.modseq(), selected.highestModseq());

        List<MessageEntry> listed = messages.list(account, inbox.id(), UidRange.ALL).await().atMost(WAIT);
        assertEquals(List.of(1L, 2L), listed.stream().map(MessageEntry::uid).toList());
        assertEquals("first", listed.get(0).envelope().getString("subject"));
        assertEquals(first.length, listed.get(0).size());
        assertArrayEquals(second, messages.content(account, inbox.id(), 2).await().atMost(WAIT).orElseThrow());
        assertEquals(List.of(2L), messages.searchText(account, inbox.id(), "beta").await().atMost(WAIT));

        List<FlagChange> changed = messages.setFlags(account, inbox.id(), UidRange.ALL,
                FlagUpdate.add(Flags.of(SystemFlag.DELETED).withKeywords(Set.of("$Important"))), Optional.empty()).await().atMost(WAIT);
        assertEquals(2, changed.size());
        long storeModseq = changed.get(0).modseq();
        assertTrue(storeModseq > selected.highestModseq());
        assertTrue(changed.get(1).flags().has(SystemFlag.SEEN));
        assertEquals(Set.of("$Important"), changed.get(1).flags().keywords());
        assertEquals(List.of(1L, 2L), messages.changedSince(account, inbox.id(), selected.highestModseq()).await().atMost(WAIT)
                .stream().map(MessageEntry::uid).toList());

        // CONDSTORE UNCHANGEDSINCE: a message modified after the given modseq is not touched
        List<FlagChange> conditional = messages.setFlags(account, inbox.id(), UidRange.ALL,
                FlagUpdate.remove(Flags.of(SystemFlag.DELETED)), Optional.of(storeModseq - 1)).await().atMost(WAIT);
        assertTrue(conditional.isEmpty());

        AccountUsage before = accounts.usage(account).await().atMost(WAIT);
        assertEquals(2, before.usedMessages());
        assertEquals(first.length + second.length, before.usedBytes());

        Expunged expunged = messages.expunge(account, inbox.id(), UidRange.of(1)).await().atMost(WAIT);
        assertEquals(List.of(1L), expunged.uids());
        assertEquals(List.of(1L), messages.expungedSince(account, inbox.id(), storeModseq).await().atMost(WAIT));
        AccountUsage after = accounts.usage(account).await().atMost(WAIT);
        assertEquals(1, after.usedMessages());
        assertEquals(second.length, after.usedBytes());

        // a new message never gets an expunged UID back
        AppendResult c = messages.append(account, inbox.id(), first, Flags.NONE, NOW).await().atMost(WAIT);
        assertEquals(3, c.uid());
    }

    @Test
    void copyAndMoveAllocateFreshUidsAndShareTheBlob() {
        String account = TestMail.unique("acct");
        accounts.ensureAccount(account).await().atMost(WAIT);
        MailboxState inbox = mailbox(account, "INBOX");
        MailboxState archive = mailbox(account, "Archive");
        MailboxState trash = mailbox(account, "Trash");
        for (int i = 0; i < 3; i++) {
            messages.append(account, inbox.id(), TestMail.message("m" + i, "body " + i), Flags.NONE, NOW).await().atMost(WAIT);
        }
        UidMapping copied = messages.copy(account, inbox.id(), new UidRange(2, 3), archive.id()).await().atMost(WAIT);
        assertEquals(List.of(2L, 3L), copied.sourceUids());
        assertEquals(List.of(1L, 2L), copied.targetUids());
        assertEquals(archive.uidValidity(), copied.targetUidValidity());
        assertEquals(5, accounts.usage(account).await().atMost(WAIT).usedMessages());

        UidMapping moved = messages.move(account, inbox.id(), UidRange.ALL, trash.id()).await().atMost(WAIT);
        assertEquals(List.of(1L, 2L, 3L), moved.sourceUids());
        assertEquals(0, mailbox(account, "INBOX").messages());
        assertEquals(3, mailbox(account, "Trash").messages());
        assertEquals(5, accounts.usage(account).await().atMost(WAIT).usedMessages());
        assertEquals(List.of(1L, 2L, 3L), messages.expungedSince(account, inbox.id(), 0).await().atMost(WAIT));
        assertEquals("m1", messages.list(account, trash.id(), UidRange.of(2)).await().atMost(WAIT).get(0).envelope().getString("subject"));
    }

    @Test
    void quotaIsEnforcedOnAppend() {
        String account = TestMail.unique("acct");
        byte[] message = TestMail.message("q", "x".repeat(500));
        accounts.setQuota(account, OptionalLong.of(message.length * 2L), OptionalLong.empty()).await().atMost(WAIT);
        long inbox = mailbox(account, "INBOX").id();
        messages.append(account, inbox, message, Flags.NONE, NOW).await().atMost(WAIT);
        messages.append(account, inbox, message, Flags.NONE, NOW).await().atMost(WAIT);
        var over = assertThrows(MailstoreException.class, () -> messages.append(account, inbox, message, Flags.NONE, NOW).await().atMost(WAIT));
        assertEquals(MailstoreException.Reason.OVER_QUOTA, over.reason());
        assertEquals(2, accounts.usage(account).await().atMost(WAIT).usedMessages());
        assertEquals(3, mailbox(account, "INBOX").uidNext());
    }

    @Test
    void multiAppendStoresAllOrNothing() {
        String account = TestMail.unique("acct");
        accounts.setQuota(account, OptionalLong.empty(), OptionalLong.of(3)).await().atMost(WAIT);
        long inbox = mailbox(account, "INBOX").id();
        byte[] same = TestMail.message("twice", "the same bytes");
        List<NewMessage> two = List.of(new NewMessage(same, Flags.NONE, NOW), new NewMessage(same, Flags.of(SystemFlag.SEEN), NOW));
        List<AppendResult> appended = messages.appendAll(account, inbox, two).await().atMost(WAIT);
        assertEquals(List.of(1L, 2L), appended.stream().map(AppendResult::uid).toList());
        assertEquals(appended.get(0).modseq(), appended.get(1).modseq());
        assertEquals(Set.of(SystemFlag.SEEN), messages.list(account, inbox, new UidRange(2, 2)).await().atMost(WAIT)
                .get(0).flags().system());

        // two more would exceed the 3-message quota: neither is stored, no UID is used
        var over = assertThrows(MailstoreException.class, () -> messages.appendAll(account, inbox, two).await().atMost(WAIT));
        assertEquals(MailstoreException.Reason.OVER_QUOTA, over.reason());
        assertEquals(2, mailbox(account, "INBOX").messages());
        assertEquals(3, mailbox(account, "INBOX").uidNext());
        assertEquals(2, accounts.usage(account).await().atMost(WAIT).usedMessages());
    }

    @Test
    void aFullAccountCanStillMoveButNotCopy() {
        String account = TestMail.unique("acct");
        accounts.setQuota(account, OptionalLong.empty(), OptionalLong.of(1)).await().atMost(WAIT);
        long inbox = mailbox(account, "INBOX").id();
        long archive = mailbox(account, "Archive").id();
        messages.append(account, inbox, TestMail.message("only", "one"), Flags.NONE, NOW).await().atMost(WAIT);

        var copy = assertThrows(MailstoreException.class, () -> messages.copy(account, inbox, UidRange.ALL, archive).await().atMost(WAIT));
        assertEquals(MailstoreException.Reason.OVER_QUOTA, copy.reason());
        assertEquals(0, mailbox(account, "Archive").messages());

        UidMapping moved = messages.move(account, inbox, UidRange.ALL, archive).await().atMost(WAIT);
        assertEquals(List.of(1L), moved.targetUids());
        assertEquals(1, mailbox(account, "Archive").messages());
        assertEquals(1, accounts.usage(account).await().atMost(WAIT).usedMessages());
    }

    @Test
    void anotherAccountsMailboxIsInvisibleAndUnwritable() {
        String owner = TestMail.unique("owner");
        String intruder = TestMail.unique("intruder");
        accounts.ensureAccount(owner).await().atMost(WAIT);
        accounts.ensureAccount(intruder).await().atMost(WAIT);
        long ownersInbox = mailbox(owner, "INBOX").id();
        messages.append(owner, ownersInbox, TestMail.message("private", "secret"), Flags.NONE, NOW).await().atMost(WAIT);

        assertTrue(mailboxes.state(intruder, ownersInbox).await().atMost(WAIT).isEmpty());
        assertTrue(messages.list(intruder, ownersInbox, UidRange.ALL).await().atMost(WAIT).isEmpty());
        assertTrue(messages.content(intruder, ownersInbox, 1).await().atMost(WAIT).isEmpty());
        assertTrue(messages.searchText(intruder, ownersInbox, "secret").await().atMost(WAIT).isEmpty());
        var refused = assertThrows(MailstoreException.class, () -> messages.append(intruder, ownersInbox,
                TestMail.message("spam", "x"), Flags.NONE, NOW).await().atMost(WAIT));
        assertEquals(MailstoreException.Reason.NO_SUCH_MAILBOX, refused.reason());
        assertThrows(MailstoreException.class, () -> messages.setFlags(intruder, ownersInbox, UidRange.ALL,
                FlagUpdate.add(Flags.of(SystemFlag.DELETED)), Optional.empty()).await().atMost(WAIT));
        assertEquals(1, mailbox(owner, "INBOX").messages());
    }
}
