package io.mailfleet.auth.signup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The puzzle: find a solution such that SHA-256(challenge ":" solution) starts with N zero bits (hashcash). */
public final class ProofOfWork {

    public static final String ALGORITHM = "sha256-leading-zero-bits";

    private ProofOfWork() {
    }

    public static boolean solves(String challenge, String solution, int difficultyBits) {
        if (solution == null || solution.isEmpty() || solution.length() > 64) {
            return false;
        }
        return leadingZeroBits(sha256(challenge + ":" + solution)) >= difficultyBits;
    }

    static int leadingZeroBits(byte[] digest) {
        int bits = 0;
        for (byte b : digest) {
            if (b == 0) {
                bits += 8;
                continue;
            }
            return bits + Integer.numberOfLeadingZeros(b & 0xff) - 24;
        }
        return bits;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has SHA-256", e);
        }
    }
}
