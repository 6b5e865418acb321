package io.mailfleet.delivery.recipients;

import io.mailfleet.directory.RecipientLookup;
import io.mailfleet.events.Recipient;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns envelope recipients into mailboxes. Recipients the gateway marked as hosted (tenant or account
 * set) are looked up in the directory, which is the authority on aliases, catch-alls, plus-addressing,
 * lists and folder rules at delivery time; the others are remote and pass through unchanged.
 */
@ApplicationScoped
public class RecipientExpansion {

    private final RecipientDirectory directory;

    RecipientExpansion(RecipientDirectory directory) {
        this.directory = directory;
    }

    public Uni<ResolvedRecipients> expand(List<Recipient> recipients) {
        return Multi.createFrom().iterable(recipients)
                .onItem().transformToUniAndConcatenate(recipient -> hosted(recipient)
                        ? directory.lookup(recipient.address()).map(lookup -> new Looked(recipient, lookup))
                        : Uni.createFrom().item(new Looked(recipient, null)))
                .collect().asList()
                .map(RecipientExpansion::merge);
    }

    private static boolean hosted(Recipient recipient) {
        return recipient.accountId() != null || recipient.tenantId() != null;
    }

    private record Looked(Recipient recipient, RecipientLookup lookup) {
    }

    private static ResolvedRecipients merge(List<Looked> looked) {
        Map<String, LocalRecipient> local = new LinkedHashMap<>();
        Map<String, Recipient> remote = new LinkedHashMap<>();
        List<Recipient> unknown = new ArrayList<>();
        for (Looked entry : looked) {
            RecipientLookup lookup = entry.lookup();
            if (lookup == null) {
                remote.putIfAbsent(entry.recipient().address().toLowerCase(Locale.ROOT), entry.recipient());
            } else if (!lookup.hostedDomain() || !lookup.exists() || lookup.deliverTo() == null || lookup.deliverTo().isEmpty()) {
                unknown.add(entry.recipient());
            } else {
                for (RecipientLookup.MailboxRef mailbox : lookup.deliverTo()) {
                    if (mailbox.accountId() != null) {
                        // the first route to an account wins; its folder rule applies
                        local.putIfAbsent(mailbox.accountId(), new LocalRecipient(mailbox.accountId(),
                                mailbox.address() == null ? entry.recipient().address() : mailbox.address(), mailbox.folder()));
                    } else if (mailbox.address() != null) {
                        remote.putIfAbsent(mailbox.address().toLowerCase(Locale.ROOT), Recipient.remote(mailbox.address()));
                    }
                }
            }
        }
        return new ResolvedRecipients(List.copyOf(local.values()), List.copyOf(remote.values()), List.copyOf(unknown));
    }
}
