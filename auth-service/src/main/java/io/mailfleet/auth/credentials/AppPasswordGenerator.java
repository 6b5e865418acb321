package io.mailfleet.auth.credentials;

import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;

/**
 * App passwords: 4 groups of 5 characters from a 31-letter alphabet without look-alikes (99 bits),
 * easy to type into a phone's mail settings, impossible to guess.
 */
@ApplicationScoped
public class AppPasswordGenerator {

    private static final char[] ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();
    private static final int GROUPS = 4;
    private static final int GROUP_LENGTH = 5;

    private final SecureRandom random = new SecureRandom();

    public String next() {
        StringBuilder secret = new StringBuilder(GROUPS * (GROUP_LENGTH + 1));
        for (int group = 0; group < GROUPS; group++) {
            if (group > 0) {
                secret.append('-');
            }
            for (int i = 0; i < GROUP_LENGTH; i++) {
                secret.append(ALPHABET[random.nextInt(ALPHABET.length)]);
            }
        }
        return secret.toString();
    }
}
