package io.mailfleet.spam.dkim;

import io.mailfleet.spam.dns.DnsLookup;
import io.mailfleet.spam.message.RawMessage;
import io.mailfleet.spam.message.RawMessage.HeaderField;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ARC chain validation (RFC 8617 §5.2): the sets must be complete and numbered 1..N, the seals' cv= must read none, pass,
 * pass…, the newest ARC-Message-Signature must verify like a DKIM signature, and every ARC-Seal must verify over the sets up
 * to its own. Keys are fetched like DKIM keys.
 */
@ApplicationScoped
public class ArcVerifier {

    static final int MAX_INSTANCES = 50;
    private static final Pattern AAR_INSTANCE = Pattern.compile("^\\s*i\\s*=\\s*([0-9]+)\\s*;");

    private final DnsLookup dns;

    public ArcVerifier(DnsLookup dns) {
        this.dns = dns;
    }

    private record ArcSet(HeaderField results, HeaderField signature, HeaderField seal, TagList signatureTags, TagList sealTags) {
    }

    public Uni<ArcResult> verify(RawMessage message) {
        List<HeaderField> seals = message.fields("ARC-Seal");
        List<HeaderField> signatures = message.fields("ARC-Message-Signature");
        List<HeaderField> results = message.fields("ARC-Authentication-Results");
        if (seals.isEmpty() && signatures.isEmpty() && results.isEmpty()) {
            return Uni.createFrom().item(new ArcResult(ArcResult.Status.NONE, 0, List.of(), null));
        }
        List<ArcSet> sets;
        try {
            sets = sets(seals, signatures, results);
        } catch (DkimException e) {
            return Uni.createFrom().item(ArcResult.fail(seals.size(), e.getMessage()));
        }
        int n = sets.size();
        List<String> sealers = sets.stream().map(s -> s.sealTags().require("d")).toList();
        return Uni.createFrom().deferred(() -> verifyMessageSignature(message, sets.get(n - 1)))
                .flatMap(ignored -> verifySeals(sets, n))
                .map(ignored -> new ArcResult(ArcResult.Status.PASS, n, sealers, null))
                .onFailure(DkimException.class).recoverWithItem(e -> ArcResult.fail(n, e.getMessage()))
                .onFailure(NumberFormatException.class).recoverWithItem(e -> ArcResult.fail(n, "invalid l= in ARC-Message-Signature"));
    }

    /** Groups the fields by instance and checks structure and cv= (§5.2 steps 1–4). */
    private static List<ArcSet> sets(List<HeaderField> seals, List<HeaderField> signatures, List<HeaderField> results) {
        Map<Integer, HeaderField> sealByInstance = byInstance(seals, "ARC-Seal");
        Map<Integer, HeaderField> signatureByInstance = byInstance(signatures, "ARC-Message-Signature");
        Map<Integer, HeaderField> resultsByInstance = new TreeMap<>();
        for (HeaderField field : results) {
            Matcher m = AAR_INSTANCE.matcher(field.value());
            if (!m.find() || resultsByInstance.put(Integer.parseInt(m.group(1)), field) != null) {
                throw DkimException.failed("ARC-Authentication-Results without a unique i=");
            }
        }
        int n = sealByInstance.size();
        if (n == 0 || n > MAX_INSTANCES) {
            throw DkimException.failed("ARC chain of " + n + " sets");
        }
        List<ArcSet> sets = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            HeaderField seal = sealByInstance.get(i);
            HeaderField signature = signatureByInstance.get(i);
            HeaderField result = resultsByInstance.get(i);
            if (seal == null || signature == null || result == null) {
                throw DkimException.failed("ARC set " + i + " is incomplete");
            }
            TagList sealTags = TagList.parse(seal.value());
            String cv = sealTags.require("cv").toLowerCase(Locale.ROOT);
            if (!cv.equals(i == 1 ? "none" : "pass")) {
                throw DkimException.failed("ARC-Seal i=" + i + " has cv=" + cv);
            }
            if (sealTags.get("h").isPresent()) {
                throw DkimException.failed("ARC-Seal i=" + i + " has an h= tag");
            }
            sets.add(new ArcSet(result, signature, seal, TagList.parse(signature.value()), sealTags));
        }
        if (signatureByInstance.size() != n || resultsByInstance.size() != n) {
            throw DkimException.failed("ARC sets do not match up");
        }
        return sets;
    }

    private static Map<Integer, HeaderField> byInstance(List<HeaderField> fields, String name) {
        Map<Integer, HeaderField> byInstance = new TreeMap<>();
        for (HeaderField field : fields) {
            String instance = TagList.parse(field.value()).require("i");
            if (!instance.matches("[0-9]{1,2}") || byInstance.put(Integer.parseInt(instance), field) != null) {
                throw DkimException.failed(name + " with invalid or repeated i=" + instance);
            }
        }
        return byInstance;
    }

    /** §5.2 step 5: the newest AMS, checked as a DKIM signature. */
    private Uni<Void> verifyMessageSignature(RawMessage message, ArcSet set) {
        TagList tags = set.signatureTags();
        DkimSignature.Algorithm algorithm = DkimSignature.Algorithm.of(tags.require("a"));
        String[] canonicalization = tags.get("c").orElse("simple/simple").toLowerCase(Locale.ROOT).split("/", -1);
        Canonicalization header = Canonicalization.of(canonicalization[0]);
        Canonicalization body = canonicalization.length > 1 ? Canonicalization.of(canonicalization[1]) : Canonicalization.SIMPLE;
        List<String> signed = Arrays.stream(tags.require("h").split(":")).map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        if (signed.contains("arc-seal")) {
            throw DkimException.failed("ARC-Message-Signature signs ARC-Seal");
        }
        OptionalLong length = tags.get("l").map(l -> OptionalLong.of(Long.parseLong(l))).orElse(OptionalLong.empty());
        DkimVerifier.checkBodyHash(message, body, length, TagList.base64(tags.require("bh"), "bh"));
        byte[] data = DkimVerifier.headerData(message, signed, header, set.signature());
        byte[] signature = TagList.base64(tags.require("b"), "b");
        return DkimVerifier.fetchKey(dns, tags.require("s"), tags.require("d").toLowerCase(Locale.ROOT), algorithm)
                .map(key -> {
                    if (!DkimVerifier.verifies(algorithm, key, data, signature)) {
                        throw DkimException.failed("ARC-Message-Signature i=" + tags.require("i") + " did not verify");
                    }
                    return null;
                });
    }

    /** §5.2 step 6: every seal, newest first, over all sets up to its own (relaxed canonicalization throughout). */
    private Uni<Void> verifySeals(List<ArcSet> sets, int instance) {
        if (instance == 0) {
            return Uni.createFrom().voidItem();
        }
        ArcSet set = sets.get(instance - 1);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (int i = 0; i < instance; i++) {
            ArcSet earlier = sets.get(i);
            data.writeBytes(relaxed(earlier.results()));
            data.writeBytes(relaxed(earlier.signature()));
            if (i < instance - 1) {
                data.writeBytes(relaxed(earlier.seal()));
            }
        }
        data.writeBytes(DkimVerifier.withoutSignature(set.seal(), Canonicalization.RELAXED));
        TagList tags = set.sealTags();
        DkimSignature.Algorithm algorithm = DkimSignature.Algorithm.of(tags.require("a"));
        byte[] signature = TagList.base64(tags.require("b"), "b");
        return DkimVerifier.fetchKey(dns, tags.require("s"), tags.require("d").toLowerCase(Locale.ROOT), algorithm)
                .flatMap(key -> {
                    if (!DkimVerifier.verifies(algorithm, key, data.toByteArray(), signature)) {
                        throw DkimException.failed("ARC-Seal i=" + instance + " did not verify");
                    }
                    return verifySeals(sets, instance - 1);
                });
    }

    private static byte[] relaxed(HeaderField field) {
        return Canonicalization.RELAXED.header(field.raw()).getBytes(StandardCharsets.ISO_8859_1);
    }
}
