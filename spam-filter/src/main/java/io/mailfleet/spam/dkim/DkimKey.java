package io.mailfleet.spam.dkim;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Locale;

/** A DKIM key record (RFC 6376 §3.6.1, RFC 8463 §4) turned into a JDK public key. */
record DkimKey(PublicKey key, int bits, boolean strictIdentity) {

    /** RFC 8301 §3.2: RSA keys below 1024 bits must not be accepted. */
    static final int MIN_RSA_BITS = 1024;

    /** The DER prefix that turns a raw 32-octet Ed25519 key into a SubjectPublicKeyInfo (RFC 8410). */
    private static final byte[] ED25519_SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    static DkimKey parse(String record, DkimSignature.Algorithm algorithm) {
        TagList tags = TagList.parse(record);
        if (tags.get("v").isPresent() && !tags.get("v").get().equals("DKIM1")) {
            throw DkimException.permanent("key record version " + tags.get("v").get());
        }
        String keyType = tags.get("k").orElse("rsa").toLowerCase(Locale.ROOT);
        if (!keyType.equals(algorithm.keyType)) {
            throw DkimException.permanent("key type k=" + keyType + " does not match a=" + algorithm.token);
        }
        tags.get("h").ifPresent(h -> {
            if (Arrays.stream(h.split(":")).map(String::strip).noneMatch("sha256"::equalsIgnoreCase)) {
                throw DkimException.permanent("key does not allow sha256 (h=" + h + ")");
            }
        });
        tags.get("s").ifPresent(s -> {
            if (Arrays.stream(s.split(":")).map(String::strip).noneMatch(t -> t.equals("*") || t.equalsIgnoreCase("email"))) {
                throw DkimException.permanent("key is not for email (s=" + s + ")");
            }
        });
        String p = tags.require("p");
        if (p.isEmpty()) {
            throw DkimException.permanent("key revoked (empty p=)");
        }
        byte[] der = TagList.base64(p, "p");
        boolean strict = tags.get("t").map(t -> Arrays.stream(t.split(":")).map(String::strip).anyMatch("s"::equals)).orElse(false);
        try {
            if (algorithm == DkimSignature.Algorithm.ED25519_SHA256) {
                if (der.length != 32) {
                    throw DkimException.permanent("Ed25519 key is " + der.length + " octets, not 32");
                }
                byte[] spki = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + 32);
                System.arraycopy(der, 0, spki, ED25519_SPKI_PREFIX.length, 32);
                return new DkimKey(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)), 256, strict);
            }
            RSAPublicKey rsa = rsaKey(der);
            int bits = rsa.getModulus().bitLength();
            if (bits < MIN_RSA_BITS) {
                throw DkimException.permanent("RSA key of " + bits + " bits is too short");
            }
            return new DkimKey(rsa, bits, strict);
        } catch (GeneralSecurityException e) {
            throw DkimException.permanent("unusable public key: " + e.getMessage());
        }
    }

    /** SubjectPublicKeyInfo as the RFC says, or a bare PKCS#1 RSAPublicKey as some publishers put it. */
    private static RSAPublicKey rsaKey(byte[] der) throws GeneralSecurityException {
        KeyFactory factory = KeyFactory.getInstance("RSA");
        try {
            return (RSAPublicKey) factory.generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException notSpki) {
            BigInteger[] modulusAndExponent = Pkcs1.rsaPublicKey(der);
            return (RSAPublicKey) factory.generatePublic(new RSAPublicKeySpec(modulusAndExponent[0], modulusAndExponent[1]));
        }
    }

    /** The two INTEGERs of a DER RSAPublicKey SEQUENCE. */
    private static final class Pkcs1 {

        static BigInteger[] rsaPublicKey(byte[] der) throws GeneralSecurityException {
            int[] position = {0};
            expect(der, position, 0x30);
            length(der, position);
            BigInteger modulus = integer(der, position);
            BigInteger exponent = integer(der, position);
            return new BigInteger[] {modulus, exponent};
        }

        private static BigInteger integer(byte[] der, int[] position) throws GeneralSecurityException {
            expect(der, position, 0x02);
            int length = length(der, position);
            if (position[0] + length > der.length) {
                throw new GeneralSecurityException("truncated key");
            }
            BigInteger value = new BigInteger(Arrays.copyOfRange(der, position[0], position[0] + length));
            position[0] += length;
            return value;
        }

        private static void expect(byte[] der, int[] position, int tag) throws GeneralSecurityException {
            if (position[0] >= der.length || (der[position[0]++] & 0xff) != tag) {
                throw new GeneralSecurityException("not a DER RSA public key");
            }
        }

        private static int length(byte[] der, int[] position) throws GeneralSecurityException {
            if (position[0] >= der.length) {
                throw new GeneralSecurityException("truncated key");
            }
            int first = der[position[0]++] & 0xff;
            if (first < 0x80) {
                return first;
            }
            int octets = first & 0x7f;
            if (octets > 3) {
                throw new GeneralSecurityException("key length field too long");
            }
            int length = 0;
            for (int i = 0; i < octets; i++) {
                if (position[0] >= der.length) {
                    throw new GeneralSecurityException("truncated key");
                }
                length = (length << 8) | (der[position[0]++] & 0xff);
            }
            return length;
        }
    }
}
