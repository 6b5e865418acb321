package io.mailfleet.smtp.policy;

import io.mailfleet.directory.TenantPolicy;
import io.mailfleet.smtp.SmtpConfig;
import io.mailfleet.smtp.session.SmtpSession;

/**
 * The limits for a session's sender: the platform's ({@code mailfleet.smtp.limits.*}) unless the
 * authenticated account's tenant set its own ({@link TenantPolicy.SendingLimits}). Unauthenticated (MX)
 * senders always get the platform's.
 */
public final class SenderLimits {

    private SenderLimits() {
    }

    public static int messagesPerDay(SmtpSession session, SmtpConfig.Limits limits) {
        TenantPolicy policy = session.senderPolicy();
        Integer own = policy == null ? null : policy.sending().messagesPerDay();
        return own != null && own > 0 ? own : limits.messagesPerSenderPerDay();
    }

    public static int recipientsPerMessage(SmtpSession session, SmtpConfig.Limits limits) {
        TenantPolicy policy = session.senderPolicy();
        Integer own = policy == null ? null : policy.sending().recipientsPerMessage();
        return own != null && own > 0 ? own : limits.maxRecipients();
    }
}
