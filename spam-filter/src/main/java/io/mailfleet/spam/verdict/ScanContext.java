package io.mailfleet.spam.verdict;

import io.mailfleet.events.MailRecord;
import io.mailfleet.spam.auth.AuthenticationResults;
import io.mailfleet.spam.message.MessageContent;
import io.mailfleet.spam.message.RawMessage;

/**
 * Everything a check may look at: the record, its header section as received, its decoded content, and the sender
 * authentication results.
 */
public record ScanContext(MailRecord mail, RawMessage message, MessageContent content, AuthenticationResults authentication) {
}
