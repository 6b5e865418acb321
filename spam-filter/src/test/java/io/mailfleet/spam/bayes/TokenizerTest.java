package io.mailfleet.spam.bayes;

import io.mailfleet.spam.message.MessageContentParser;
import io.mailfleet.spam.message.RawMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the classifier sees of a message: prefixed header features, relays, decoded MIME text, links. */
class TokenizerTest {

    private static Set<String> tokens(String message) {
        byte[] bytes = message.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        return Tokenizer.tokens(RawMessage.parse(bytes), new MessageContentParser(1 << 20, 1 << 20).parse(bytes));
    }

    @Test
    void headerFeaturesCarryTheirFieldName() {
        Set<String> tokens = tokens("""
                Received: from mail.sender.example.co.uk (mail.sender.example.co.uk [198.51.100.23])
                \tby mx.mailfleet.local with ESMTP id 1
                From: "Cheap Deals" <offers12345@news.example.co.uk>
                To: user@mailfleet.local
                Subject: =?UTF-8?B?RlJFRSBtb25leSEhIQ==?=
                Message-ID: <20261128.123@bulk.example.net>
                X-Mailer: MassMailer 3.1

                body words here
                """);
        assertTrue(tokens.contains("subject:free"), "RFC 2047 decoded subject words, lower case: " + tokens);
        assertTrue(tokens.contains("subject-punct:!!!"));
        assertTrue(tokens.contains("from:addr:offers12345@news.example.co.uk"));
        assertTrue(tokens.contains("from:org:example.co.uk"), "organizational domain from the Public Suffix List");
        assertTrue(tokens.contains("from:domain:news.example.co.uk"));
        assertTrue(tokens.contains("from:numeric-local"));
        assertTrue(tokens.contains("from:name:cheap"));
        assertTrue(tokens.contains("received:mail.sender.example.co.uk"));
        assertTrue(tokens.contains("received:example.co.uk"));
        assertFalse(tokens.contains("received:co.uk"), "never a public suffix alone");
        assertTrue(tokens.contains("received-ip:198.51.100"));
        assertTrue(tokens.contains("received-ip:198.51"));
        assertTrue(tokens.contains("message-id:host:bulk.example.net"));
        assertTrue(tokens.contains("x-mailer:massmailer"));
        assertTrue(tokens.contains("field:x-mailer"));
        assertTrue(tokens.contains("words"), "body words have no prefix");
        assertFalse(tokens.contains("free"), "a subject word is not a body word");
    }

    @Test
    void decodedMimePartsAndHtmlTextAreTokenized() {
        String html = "<html><body><p>Claim your <b>prize</b> at <a href=\"http://203.0.113.9:8080/win/claim_now\">our site</a>"
                + "<style>.hidden{}</style></p></body></html>";
        Set<String> tokens = tokens("""
                From: a@b.example
                Subject: hi
                MIME-Version: 1.0
                Content-Type: multipart/alternative; boundary="b1"

                --b1
                Content-Type: text/plain; charset=iso-8859-1
                Content-Transfer-Encoding: quoted-printable

                Gr=FC=DFe aus Z=FCrich
                --b1
                Content-Type: text/html; charset=utf-8
                Content-Transfer-Encoding: base64

                %s
                --b1--
                """.formatted(Base64.getMimeEncoder().encodeToString(html.getBytes(StandardCharsets.UTF_8))));
        assertTrue(tokens.contains("grüße"), "quoted-printable decoded in its charset: " + tokens);
        assertTrue(tokens.contains("zürich"));
        assertTrue(tokens.contains("prize"), "base64 HTML decoded, tags removed");
        assertFalse(tokens.stream().anyMatch(t -> t.contains("hidden")), "style content is not text");
        assertTrue(tokens.contains("url:numeric-host"));
        assertTrue(tokens.contains("url:port"));
        assertTrue(tokens.contains("url-path:claim"));
        assertTrue(tokens.contains("part:text/html"));
        assertTrue(tokens.contains("encoding:base64"));
        assertTrue(tokens.contains("charset:iso-8859-1"));
    }

    @Test
    void longRunsAreSummarisedAndMissingSubjectIsNoted() {
        Set<String> tokens = tokens("From: a@b.example\n\naaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n");
        assertTrue(tokens.contains("skip:a40"), tokens.toString());
        assertTrue(tokens.contains("subject:none"));
    }
}
