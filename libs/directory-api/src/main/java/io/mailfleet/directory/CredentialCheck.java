package io.mailfleet.directory;

/**
 * A login attempt a gateway forwards to auth-service.
 *
 * @param mechanism PLAIN, LOGIN (secret = password / app password), XOAUTH2 or OAUTHBEARER (secret = token)
 * @param protocol  smtp, imap or pop3: lockouts are shared, audit events say which
 */
public record CredentialCheck(String username, String secret, String mechanism, String protocol, String clientIp) {

    @Override
    public String toString() {
        return "CredentialCheck[username=" + username + ", mechanism=" + mechanism + ", protocol=" + protocol
                + ", clientIp=" + clientIp + "]"; // never the secret
    }
}
