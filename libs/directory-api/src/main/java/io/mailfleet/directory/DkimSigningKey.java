package io.mailfleet.directory;

/**
 * An active DKIM signing key of a hosted domain, from {@code GET /internal/v1/dkim-keys/{domain}}.
 *
 * @param algorithm       {@code RSA_2048} or {@code ED25519}
 * @param privateKeyPkcs8 Base64 DER PKCS#8; load with {@code KeyFactory} "RSA" / "Ed25519" and keep in memory only
 */
public record DkimSigningKey(String domain, String selector, String algorithm, String privateKeyPkcs8) {
}
