package io.mailfleet.mailstore.blob;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** The SHA-256 of a blob's bytes: equal content, equal id, stored once. */
public final class BlobId {

    private final byte[] sha256;

    private BlobId(byte[] sha256) {
        if (sha256.length != 32) {
            throw new IllegalArgumentException("a SHA-256 has 32 bytes, not " + sha256.length);
        }
        this.sha256 = sha256;
    }

    public static BlobId of(byte[] content) {
        try {
            return new BlobId(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public static BlobId fromDigest(byte[] sha256) {
        return new BlobId(sha256.clone());
    }

    public static BlobId fromHex(String hex) {
        return new BlobId(HexFormat.of().parseHex(hex));
    }

    public byte[] digest() {
        return sha256.clone();
    }

    public String hex() {
        return HexFormat.of().formatHex(sha256);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BlobId id && Arrays.equals(sha256, id.sha256);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sha256);
    }

    @Override
    public String toString() {
        return "sha256:" + hex();
    }
}
