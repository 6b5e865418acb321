package io.mailfleet.spam.verdict;

import io.mailfleet.directory.TenantPolicy;
import io.mailfleet.events.MailRecord;
import io.mailfleet.spam.auth.AuthenticationResults;
import io.mailfleet.spam.message.MessageContent;
import io.mailfleet.spam.message.RawMessage;

import java.util.List;

/**
 * Everything a check may look at: the record, its header section as received, its decoded content, the sender
 * authentication results and the recipient tenants' policies (none for submitted mail).
 */
public record ScanContext(MailRecord mail, RawMessage message, MessageContent content, AuthenticationResults authentication,
                          List<TenantPolicy> policies) {

    /** Without tenant policies (spam-eval, unit tests). */
    public ScanContext(MailRecord mail, RawMessage message, MessageContent content, AuthenticationResults authentication) {
        this(mail, message, content, authentication, List.of());
    }
}
