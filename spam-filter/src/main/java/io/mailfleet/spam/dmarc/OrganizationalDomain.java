package io.mailfleet.spam.dmarc;

import com.google.common.net.InternetDomainName;

import java.util.Locale;

/**
 * RFC 7489 §3.2 organizational domain from the Public Suffix List (the copy Guava ships and keeps current with each release):
 * the public suffix plus one label. A name under no listed suffix falls under the list's implicit "*" rule.
 */
public final class OrganizationalDomain {

    private OrganizationalDomain() {
    }

    public static String of(String domain) {
        String name = domain.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        try {
            InternetDomainName parsed = InternetDomainName.from(name);
            if (parsed.isUnderPublicSuffix()) {
                return parsed.topPrivateDomain().toString();
            }
            if (parsed.isPublicSuffix()) {
                return name;
            }
        } catch (IllegalArgumentException | IllegalStateException notAHostName) {
            // fall through to the implicit rule
        }
        String[] labels = name.split("\\.");
        return labels.length <= 2 ? name : labels[labels.length - 2] + "." + labels[labels.length - 1];
    }

    /** Relaxed alignment: same organizational domain; strict: the same name. */
    public static boolean aligned(String a, String b, boolean strict) {
        if (a == null || b == null) {
            return false;
        }
        String x = a.toLowerCase(Locale.ROOT);
        String y = b.toLowerCase(Locale.ROOT);
        return strict ? x.equals(y) : of(x).equals(of(y));
    }
}
