package io.mailfleet.spam.dkim;

import io.mailfleet.spam.SpamFilterConfig;
import io.mailfleet.spam.dns.DnsLookup;
import io.mailfleet.spam.dns.DnsTemporaryException;
import io.mailfleet.spam.message.RawMessage;
import io.mailfleet.spam.message.RawMessage.HeaderField;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Verifies every DKIM-Signature of a message (RFC 6376; rsa-sha256 and ed25519-sha256 per RFC 8463). Each signature gets its
 * own result and never fails the whole check; the key lookup is an asynchronous DNS query.
 */
@ApplicationScoped
public class DkimVerifier {

    private static final Pattern SIGNATURE_VALUE = Pattern.compile("([:;][ \\t\\r\\n]*b[ \\t\\r\\n]*=)[^;]*");

    private final DnsLookup dns;
    private final int maxSignatures;
    private final Duration clockSkew;
    private final Clock clock;

    @Inject
    public DkimVerifier(DnsLookup dns, SpamFilterConfig config) {
        this(dns, config.dkim().maxSignatures(), config.dkim().clockSkew(), Clock.systemUTC());
    }

    public DkimVerifier(DnsLookup dns, int maxSignatures, Duration clockSkew, Clock clock) {
        this.dns = dns;
        this.maxSignatures = maxSignatures;
        this.clockSkew = clockSkew;
        this.clock = clock;
    }

    /** One result per DKIM-Signature field, top to bottom; empty when the message is unsigned. */
    public Uni<List<DkimResult>> verify(RawMessage message) {
        List<HeaderField> signatures = message.fields("DKIM-Signature");
        if (signatures.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<DkimResult>> checks = new ArrayList<>();
        for (int i = 0; i < signatures.size(); i++) {
            HeaderField field = signatures.get(i);
            checks.add(i < maxSignatures
                    ? verify(message, field)
                    : Uni.createFrom().item(new DkimResult(DkimResult.Status.NEUTRAL, null, null, null, null, 0,
                    "not checked: more than " + maxSignatures + " signatures")));
        }
        return Uni.join().all(checks).andFailFast();
    }

    private Uni<DkimResult> verify(RawMessage message, HeaderField field) {
        DkimSignature signature;
        try {
            signature = DkimSignature.parse(field);
            checkTimes(signature);
            checkBodyHash(message, signature);
        } catch (DkimException e) {
            return Uni.createFrom().item(new DkimResult(e.status(), domainOf(field), null, null, null, 0, e.getMessage()));
        }
        return fetchKey(dns, signature.selector(), signature.domain(), signature.algorithm())
                .map(key -> {
                    if (key.strictIdentity() && !signature.identity().substring(signature.identity().lastIndexOf('@') + 1)
                            .equalsIgnoreCase(signature.domain())) {
                        throw DkimException.permanent("key requires i= in d= exactly (t=s)");
                    }
                    byte[] data = headerData(message, signature.signedHeaders(), signature.headerCanonicalization(), signature.field());
                    if (!verifies(signature.algorithm(), key, data, signature.signature())) {
                        throw DkimException.failed("signature did not verify");
                    }
                    return result(signature, key, bodyLengthPolicy(message, signature), null);
                })
                .onFailure(DkimException.class)
                .recoverWithItem(e -> result(signature, null, ((DkimException) e).status(), e.getMessage()));
    }

    private static DkimResult result(DkimSignature signature, DkimKey key, DkimResult.Status status, String reason) {
        return new DkimResult(status, signature.domain(), signature.identity(), signature.selector(), signature.algorithm().token,
                key == null ? 0 : key.bits(), reason);
    }

    /** The d= of a field too broken to parse, for the report only. */
    private static String domainOf(HeaderField field) {
        var matcher = Pattern.compile("(?:^|;)\\s*d\\s*=\\s*([^;\\s]+)").matcher(field.value());
        return matcher.find() ? matcher.group(1) : null;
    }

    private void checkTimes(DkimSignature signature) {
        long now = clock.instant().getEpochSecond();
        if (signature.expiration().isPresent() && now > signature.expiration().getAsLong() + clockSkew.toSeconds()) {
            throw DkimException.failed("signature expired");
        }
        if (signature.timestamp().isPresent() && signature.timestamp().getAsLong() > now + clockSkew.toSeconds()) {
            throw DkimException.permanent("signature timestamp t= is in the future");
        }
    }

    private static void checkBodyHash(RawMessage message, DkimSignature signature) {
        checkBodyHash(message, signature.bodyCanonicalization(), signature.bodyLength(), signature.bodyHash());
    }

    static void checkBodyHash(RawMessage message, Canonicalization canonicalization, java.util.OptionalLong bodyLength, byte[] expected) {
        byte[] body = canonicalization.body(message.body());
        if (bodyLength.isPresent()) {
            long length = bodyLength.getAsLong();
            if (length > body.length) {
                throw DkimException.permanent("l=" + length + " is longer than the body");
            }
            body = Arrays.copyOf(body, (int) length);
        }
        if (!MessageDigest.isEqual(sha256(body), expected)) {
            throw DkimException.failed("body hash did not verify");
        }
    }

    /** §8.2: with l= shorter than the body, someone may have appended content; the signature is valid but not accepted. */
    private static DkimResult.Status bodyLengthPolicy(RawMessage message, DkimSignature signature) {
        if (signature.bodyLength().isPresent()
                && signature.bodyLength().getAsLong() < signature.bodyCanonicalization().body(message.body()).length) {
            return DkimResult.Status.POLICY;
        }
        return DkimResult.Status.PASS;
    }

    /** The key at {@code selector._domainkey.domain} (also used for ARC signatures). */
    static Uni<DkimKey> fetchKey(DnsLookup dns, String selector, String domain, DkimSignature.Algorithm algorithm) {
        Name name;
        try {
            name = Name.fromString(selector + "._domainkey." + domain + ".");
        } catch (TextParseException e) {
            return Uni.createFrom().failure(DkimException.permanent("invalid key name for s=" + selector));
        }
        return dns.query(name, Type.TXT)
                .onFailure(DnsTemporaryException.class)
                .transform(e -> new DkimException(DkimResult.Status.TEMPERROR, "key lookup: " + e.getMessage()))
                .map(answer -> {
                    List<TXTRecord> records = answer.recordsOf(TXTRecord.class);
                    if (records.isEmpty()) {
                        throw DkimException.permanent("no key at " + name);
                    }
                    StringBuilder text = new StringBuilder();
                    records.get(0).getStringsAsByteArrays().forEach(b -> text.append(new String(b, StandardCharsets.ISO_8859_1)));
                    return DkimKey.parse(text.toString(), algorithm);
                });
    }

    static boolean verifies(DkimSignature.Algorithm algorithm, DkimKey key, byte[] data, byte[] signature) {
        try {
            Signature verifier;
            if (algorithm == DkimSignature.Algorithm.ED25519_SHA256) {
                // RFC 8463 §3: Ed25519 signs the SHA-256 hash of the header data, not the data itself
                verifier = Signature.getInstance("Ed25519");
                verifier.initVerify(key.key());
                verifier.update(sha256(data));
            } else {
                verifier = Signature.getInstance("SHA256withRSA");
                verifier.initVerify(key.key());
                verifier.update(data);
            }
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * §5.4.2: each h= name takes the next instance from the bottom; a name with no instance left contributes nothing. Then
     * the signature field itself with an empty b= and no final CRLF.
     */
    static byte[] headerData(RawMessage message, List<String> signedHeaders, Canonicalization canonicalization, HeaderField own) {
        Map<String, Integer> used = new HashMap<>();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (String name : signedHeaders) {
            List<HeaderField> instances = message.fields(name);
            int taken = used.merge(name, 1, Integer::sum);
            if (taken <= instances.size()) {
                HeaderField field = instances.get(instances.size() - taken);
                data.writeBytes(canonicalization.header(field.raw()).getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        data.writeBytes(withoutSignature(own, canonicalization));
        return data.toByteArray();
    }

    /** A signature field canonicalized with its b= value removed and without the final CRLF. */
    static byte[] withoutSignature(HeaderField field, Canonicalization canonicalization) {
        String own = field.raw().replaceAll("\r?\n$", "");
        String withoutValue = SIGNATURE_VALUE.matcher(own).replaceFirst("$1");
        String canonical = canonicalization.header(withoutValue + "\r\n");
        return canonical.substring(0, canonical.length() - 2).getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
