package io.mailfleet.spam.dkim;

import io.mailfleet.spam.message.RawMessage.HeaderField;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/** A parsed, syntactically valid DKIM-Signature field (RFC 6376 §3.5). */
record DkimSignature(HeaderField field, Algorithm algorithm, Canonicalization headerCanonicalization,
                     Canonicalization bodyCanonicalization, String domain, String selector, String identity,
                     List<String> signedHeaders, byte[] bodyHash, byte[] signature, OptionalLong bodyLength,
                     OptionalLong timestamp, OptionalLong expiration) {

    enum Algorithm {
        RSA_SHA256("rsa-sha256", "rsa"), ED25519_SHA256("ed25519-sha256", "ed25519");

        final String token;
        final String keyType;

        Algorithm(String token, String keyType) {
            this.token = token;
            this.keyType = keyType;
        }

        static Algorithm of(String token) {
            for (Algorithm a : values()) {
                if (a.token.equalsIgnoreCase(token)) {
                    return a;
                }
            }
            // rsa-sha1 is historic (RFC 8301): verifiers must not accept it
            throw DkimException.permanent("unsupported algorithm a=" + token);
        }
    }

    static DkimSignature parse(HeaderField field) {
        TagList tags = TagList.parse(field.value());
        if (!tags.require("v").equals("1")) {
            throw DkimException.permanent("unsupported version v=" + tags.require("v"));
        }
        Algorithm algorithm = Algorithm.of(tags.require("a"));
        byte[] signature = TagList.base64(tags.require("b"), "b");
        byte[] bodyHash = TagList.base64(tags.require("bh"), "bh");
        String[] canonicalization = tags.get("c").orElse("simple/simple").toLowerCase(Locale.ROOT).split("/", -1);
        if (canonicalization.length > 2) {
            throw DkimException.permanent("invalid c=");
        }
        Canonicalization header = Canonicalization.of(canonicalization[0]);
        Canonicalization body = canonicalization.length == 2 ? Canonicalization.of(canonicalization[1]) : Canonicalization.SIMPLE;
        String domain = tags.require("d").toLowerCase(Locale.ROOT);
        if (domain.isEmpty()) {
            throw DkimException.permanent("empty d=");
        }
        String selector = tags.require("s");
        List<String> signedHeaders = Arrays.stream(tags.require("h").split(":")).map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        if (!signedHeaders.contains("from")) {
            throw DkimException.permanent("h= does not include From");
        }
        String identity = tags.get("i").orElse("@" + domain);
        String identityDomain = identity.substring(identity.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        if (!identity.contains("@") || !(identityDomain.equals(domain) || identityDomain.endsWith("." + domain))) {
            throw DkimException.permanent("i= " + identity + " is not within d=" + domain);
        }
        tags.get("q").ifPresent(q -> {
            if (Arrays.stream(q.split(":")).map(String::strip).noneMatch("dns/txt"::equalsIgnoreCase)) {
                throw DkimException.permanent("unsupported q=" + q);
            }
        });
        OptionalLong timestamp = number(tags, "t");
        OptionalLong expiration = number(tags, "x");
        if (timestamp.isPresent() && expiration.isPresent() && expiration.getAsLong() < timestamp.getAsLong()) {
            throw DkimException.permanent("x= is before t=");
        }
        return new DkimSignature(field, algorithm, header, body, domain, selector, identity, signedHeaders, bodyHash,
                signature, number(tags, "l"), timestamp, expiration);
    }

    private static OptionalLong number(TagList tags, String name) {
        var value = tags.get(name);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        String digits = value.get();
        // at most 12 digits per the RFC's ABNF for l=, t= and x=, which also keeps the value clear of overflow
        if (!digits.matches("[0-9]{1,12}")) {
            throw DkimException.permanent("invalid " + name + "=" + digits);
        }
        return OptionalLong.of(Long.parseLong(digits));
    }
}
