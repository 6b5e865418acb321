package io.mailfleet.spam.message;

import java.util.List;

/**
 * What the content checks read: decoded header values, the decoded text of the body, links and attachments. Built once per
 * message by {@link MessageContentParser}.
 *
 * @param text        decoded text/plain parts and the text of text/html parts (tags removed), each capped in size
 * @param html        decoded text/html parts as they are
 * @param links       anchors in the HTML: their href and the text the reader sees
 * @param uris        every http(s) URI in text and HTML
 * @param htmlOnly    the message has HTML text but no plain-text alternative
 * @param attachments parts with a file name or a non-text type
 * @param parts       every leaf part's type, charset and transfer encoding, in order (what software built the message)
 */
public record MessageContent(String text, String html, List<Link> links, List<String> uris, boolean htmlOnly,
                             List<Attachment> attachments, List<Part> parts) {

    /** @param charset and {@code transferEncoding} lower case, null when the part does not name one */
    public record Part(String mimeType, String charset, String transferEncoding) {
    }

    public record Link(String href, String text) {
    }

    /**
     * @param head the first octets of the decoded part (enough for magic numbers), or all of it for archives and office
     *             documents up to the configured limit
     */
    public record Attachment(String filename, String mimeType, long size, byte[] head) {
    }
}
