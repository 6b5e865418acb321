package io.mailfleet.spam.auth;

import io.mailfleet.spam.dkim.DkimResult;
import io.mailfleet.spam.dmarc.DmarcResult;
import io.mailfleet.spam.message.RawMessage;

import java.util.ArrayList;
import java.util.List;

/** The RFC 8601 Authentication-Results field naming our authserv-id, and the detection of forged ones. */
public final class AuthenticationResultsHeader {

    public static final String NAME = "Authentication-Results";

    private AuthenticationResultsHeader() {
    }

    /** The whole field, folded one method per line, ending in CRLF. */
    public static String render(String authservId, AuthenticationResults results) {
        List<String> methods = new ArrayList<>();
        if (results.authenticatedPrincipal() != null) {
            methods.add("auth=pass smtp.auth=" + value(results.authenticatedPrincipal()));
        }
        if (results.spf() != null) {
            String mailFrom = results.mailFrom() == null || results.mailFrom().isEmpty()
                    ? "postmaster@" + results.helo() : results.mailFrom();
            methods.add("spf=" + results.spf().result().token() + comment(results.spf().reason()) + " smtp.mailfrom=" + value(mailFrom));
        }
        if (results.dmarc() != null || results.spf() != null) {
            if (results.dkim().isEmpty()) {
                methods.add("dkim=none");
            }
            for (DkimResult dkim : results.dkim()) {
                StringBuilder method = new StringBuilder("dkim=").append(dkim.status().token());
                if (dkim.keyBits() > 0 && dkim.passed()) {
                    method.append(" (").append(dkim.keyBits()).append("-bit key)");
                } else {
                    method.append(comment(dkim.reason()));
                }
                if (dkim.domain() != null) {
                    method.append(" header.d=").append(value(dkim.domain()));
                }
                if (dkim.identity() != null) {
                    method.append(" header.i=").append(value(dkim.identity()));
                }
                if (dkim.selector() != null) {
                    method.append(" header.s=").append(value(dkim.selector()));
                }
                if (dkim.algorithm() != null) {
                    method.append(" header.a=").append(dkim.algorithm());
                }
                methods.add(method.toString());
            }
        }
        if (results.arc() != null) {
            StringBuilder method = new StringBuilder("arc=").append(results.arc().status().token());
            if (results.arc().status() == io.mailfleet.spam.dkim.ArcResult.Status.PASS) {
                method.append(" (i=").append(results.arc().instances()).append(" sealers ")
                        .append(String.join(",", results.arc().sealers())).append(')');
            } else {
                method.append(comment(results.arc().reason()));
            }
            methods.add(method.toString());
        }
        DmarcResult dmarc = results.dmarc();
        if (dmarc != null) {
            StringBuilder method = new StringBuilder("dmarc=").append(dmarc.status().token());
            if (dmarc.policy() != null) {
                method.append(" (p=").append(dmarc.policy().token()).append(" dis=").append(dmarc.disposition().token()).append(')');
            } else {
                method.append(comment(dmarc.reason()));
            }
            if (dmarc.fromDomain() != null) {
                method.append(" header.from=").append(value(dmarc.fromDomain()));
            }
            methods.add(method.toString());
        }
        if (methods.isEmpty()) {
            return NAME + ": " + authservId + "; none\r\n";
        }
        return NAME + ": " + authservId + ";\r\n\t" + String.join(";\r\n\t", methods) + "\r\n";
    }

    /** RFC 8601 §5: an incoming field that claims our authserv-id was not written by us and must go. */
    public static boolean claims(RawMessage.HeaderField field, String authservId) {
        if (!field.name().equalsIgnoreCase(NAME)) {
            return false;
        }
        String value = field.value().replaceAll("\\([^)]*\\)", " ").strip();
        int end = 0;
        while (end < value.length() && value.charAt(end) != ';' && !Character.isWhitespace(value.charAt(end))) {
            end++;
        }
        return value.substring(0, end).equalsIgnoreCase(authservId);
    }

    /** A property value as a token or quoted string, ASCII only. */
    private static String value(String text) {
        String ascii = text.replaceAll("[^\\x21-\\x7e]", "?");
        return ascii.matches("[A-Za-z0-9.@_+=!#$%&'*/?^`{|}~-]+") ? ascii : '"' + ascii.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String comment(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String safe = text.replaceAll("[^\\x20-\\x7e]", "?").replace("\\", "/").replace("(", "[").replace(")", "]");
        if (safe.length() > 120) {
            safe = safe.substring(0, 117) + "...";
        }
        return " (" + safe + ")";
    }
}
