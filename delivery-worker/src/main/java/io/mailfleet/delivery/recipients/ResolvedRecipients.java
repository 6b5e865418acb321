package io.mailfleet.delivery.recipients;

import io.mailfleet.events.Recipient;

import java.util.List;

/**
 * The envelope recipients after alias, catch-all, plus-addressing and list expansion.
 *
 * @param local   mailboxes here, one entry per account (an account reached twice gets the message once)
 * @param remote  recipients for the outbound relay: remote envelope recipients and remote list members
 * @param unknown hosted addresses the directory no longer knows (deleted since the gateway accepted them)
 */
public record ResolvedRecipients(List<LocalRecipient> local, List<Recipient> remote, List<Recipient> unknown) {
}
