package io.mailfleet.auth.dkim;

import io.mailfleet.auth.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * AES-256-GCM with the master key: stored form is nonce (12 bytes) ‖ ciphertext+tag. The key's id is
 * bound as associated data, so a ciphertext cannot be moved to another row.
 */
@ApplicationScoped
public class KeyVault {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Optional<SecretKeySpec> masterKey;
    private final SecureRandom random = new SecureRandom();

    public KeyVault(DkimConfig config) {
        this.masterKey = config.masterKey().filter(key -> !key.isBlank()).map(KeyVault::parse);
    }

    private static SecretKeySpec parse(String base64) {
        byte[] key = Base64.getDecoder().decode(base64.trim());
        if (key.length != 32) {
            throw new IllegalArgumentException("mailfleet.dkim.master-key must be 32 bytes in Base64");
        }
        return new SecretKeySpec(key, "AES");
    }

    public byte[] encrypt(byte[] plaintext, String associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JRE", e);
        }
    }

    public byte[] decrypt(byte[] stored, String associatedData) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt a DKIM key: wrong master key or tampered row", e);
        }
    }

    private SecretKeySpec key() {
        return masterKey.orElseThrow(() -> new ProblemException(Response.Status.SERVICE_UNAVAILABLE,
                "DKIM keys need mailfleet.dkim.master-key (MAILFLEET_DKIM_MASTER_KEY)"));
    }
}
