package io.mailfleet.events;

/** The TLS session a message arrived over; absent when the client sent in clear text. */
public record TlsInfo(String protocol, String cipherSuite) {
}
