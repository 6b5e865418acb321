package io.mailfleet.auth.dkim;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Base64;

/** New DKIM key pairs with the JDK's own providers; the public key in the form its DNS record wants. */
final class DkimKeyGenerator {

    /** The DER prefix of an Ed25519 SubjectPublicKeyInfo; RFC 8463 publishes only the 32 raw key bytes. */
    private static final int ED25519_SPKI_PREFIX = 12;

    private DkimKeyGenerator() {
    }

    record Generated(String publicKey, byte[] privateKeyPkcs8) {
    }

    static Generated generate(DkimKey.Algorithm algorithm) {
        try {
            KeyPair pair;
            String publicKey;
            if (algorithm == DkimKey.Algorithm.RSA_2048) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                pair = generator.generateKeyPair();
                publicKey = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
            } else {
                pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                byte[] spki = pair.getPublic().getEncoded();
                publicKey = Base64.getEncoder().encodeToString(Arrays.copyOfRange(spki, ED25519_SPKI_PREFIX, spki.length));
            }
            return new Generated(publicKey, pair.getPrivate().getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA and Ed25519 are part of every JRE 17", e);
        }
    }
}
