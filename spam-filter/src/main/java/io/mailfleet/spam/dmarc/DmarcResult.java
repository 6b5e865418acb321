package io.mailfleet.spam.dmarc;

import java.util.Locale;

/**
 * One DMARC evaluation.
 *
 * @param fromDomain   the RFC5322.From domain (null when the message has no single usable From address)
 * @param policyDomain the domain whose record applied (the From domain or its organizational domain)
 * @param record       the policy record, null when there is none
 * @param policy       the policy the record asks for this message (p= or sp=) before pct= sampling
 * @param disposition  what the policy says to do with this message after pct= sampling: none unless the result is fail
 */
public record DmarcResult(Status status, String fromDomain, String policyDomain, DmarcRecord record, DmarcRecord.Policy policy,
                          DmarcRecord.Policy disposition, boolean spfAligned, boolean dkimAligned, String reason) {

    public enum Status {
        NONE, PASS, FAIL, TEMPERROR, PERMERROR;

        public String token() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static DmarcResult without(Status status, String fromDomain, String reason) {
        return new DmarcResult(status, fromDomain, null, null, null, DmarcRecord.Policy.NONE, false, false, reason);
    }
}
