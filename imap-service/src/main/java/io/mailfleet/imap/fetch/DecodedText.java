package io.mailfleet.imap.fetch;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;

/**
 * The body text of a message as a reader sees it, for SEARCH BODY/TEXT: every text/* part (and a message
 * without MIME structure) with its transfer encoding undone and its charset decoded, parts separated by a
 * line break; encapsulated messages contribute their text parts too. Attachments and other non-text parts
 * are left out; an encoding that cannot be undone leaves that part out.
 */
public final class DecodedText {

    private DecodedText() {
    }

    public static String body(byte[] message) {
        StringBuilder text = new StringBuilder();
        collect(MimePart.message(message), text, 0);
        return text.toString();
    }

    private static void collect(MimePart part, StringBuilder text, int depth) {
        if (depth > 20) {
            return; // hostile nesting: the rest is not searched
        }
        if (part.isMultipart()) {
            for (MimePart child : part.children()) {
                collect(child, text, depth + 1);
            }
            return;
        }
        if (part.isMessage()) {
            collect(part.embedded(), text, depth + 1);
            return;
        }
        if (!part.mimeType().startsWith("text/")) {
            return;
        }
        byte[] octets;
        try {
            octets = SectionExtractor.decodeBody(part);
        } catch (UnknownTransferEncodingException unknown) {
            return;
        }
        if (!text.isEmpty()) {
            text.append('\n');
        }
        text.append(new String(octets, charset(part.charset())));
    }

    private static Charset charset(String name) {
        if (name == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException unknown) {
            return StandardCharsets.UTF_8;
        }
    }
}
