package io.mailfleet.auth.enrolment;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import org.apache.commons.codec.binary.Base32;

import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;

/**
 * TOTP as realm {@code mailfleet}'s OTP policy has it: HMAC-SHA1, 6 digits, 30 s. Keycloak keeps the
 * key as text and uses its UTF-8 bytes as the HMAC key, so the key is generated as text and the
 * authenticator app gets the Base32 of those bytes — the same thing Keycloak's own enrolment page does.
 */
public final class Totp {

    public static final int DIGITS = 6;
    public static final Duration PERIOD = Duration.ofSeconds(30);
    private static final char[] KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final int KEY_LENGTH = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Totp() {
    }

    /** A new key in Keycloak's text form (20 characters, ~119 bits). */
    public static String newKeyText() {
        char[] key = new char[KEY_LENGTH];
        for (int i = 0; i < key.length; i++) {
            key[i] = KEY_ALPHABET[RANDOM.nextInt(KEY_ALPHABET.length)];
        }
        return new String(key);
    }

    /** What an authenticator app is given. */
    public static String base32(String keyText) {
        return new Base32().encodeToString(keyText.getBytes(StandardCharsets.UTF_8)).replace("=", "");
    }

    public static String uri(String issuer, String account, String keyText) {
        String label = URLEncoder.encode(issuer + ":" + account, StandardCharsets.UTF_8).replace("+", "%20");
        return "otpauth://totp/" + label + "?secret=" + base32(keyText) + "&issuer="
                + URLEncoder.encode(issuer, StandardCharsets.UTF_8).replace("+", "%20")
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + PERIOD.toSeconds();
    }

    public static String code(String keyText, Instant at) {
        try {
            return new TimeBasedOneTimePasswordGenerator(PERIOD, DIGITS, TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1)
                    .generateOneTimePasswordString(new SecretKeySpec(keyText.getBytes(StandardCharsets.UTF_8), "HmacSHA1"), at);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA1 accepts any key", e);
        }
    }

    /** Accepts the code of the current step and of one step either side (clock drift). */
    public static boolean verify(String keyText, String code, Instant now) {
        if (code == null || !code.matches("\\d{" + DIGITS + "}")) {
            return false;
        }
        for (int step = -1; step <= 1; step++) {
            if (java.security.MessageDigest.isEqual(code.getBytes(StandardCharsets.US_ASCII),
                    code(keyText, now.plus(PERIOD.multipliedBy(step))).getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }
}
