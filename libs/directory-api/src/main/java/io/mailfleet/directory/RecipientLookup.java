package io.mailfleet.directory;

import java.util.List;

/**
 * Answer to "may mail for this address be accepted here, and into which mailboxes?".
 *
 * @param hostedDomain the domain is one of ours (else an unauthenticated client is relaying: 554 5.7.1)
 * @param exists       the address resolves to at least one mailbox (else 550 5.1.1)
 * @param deliverTo    the mailboxes after alias, catch-all, plus-addressing and list expansion;
 *                     remote addresses of a list have a null accountId
 */
public record RecipientLookup(String address, boolean hostedDomain, boolean exists, String tenantId,
                              List<MailboxRef> deliverTo) {

    public record MailboxRef(String accountId, String address, String folder) {
    }
}
