package io.mailfleet.spam.message;

import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.message.MaximalBodyDescriptor;
import org.apache.james.mime4j.message.DefaultBodyDescriptorBuilder;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Walks the MIME tree with mime4j's pull parser (no DOM of a 25 MiB message in memory): decodes text parts up to
 * {@code maxTextBytes} each, keeps the head of every attachment and whole archives/office files up to
 * {@code maxArchiveBytes}. A broken MIME structure yields whatever was read before the break.
 */
public final class MessageContentParser {

    private static final int HEAD_BYTES = 4096;
    private static final Pattern URI = Pattern.compile("(?i)\\bhttps?://[^\\s\"'<>()\\[\\]{}]+");
    private static final Pattern ANCHOR = Pattern.compile("(?is)<a\\s[^>]*?href\\s*=\\s*[\"']?([^\"'\\s>]+)[^>]*>(.*?)</a\\s*>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
    private static final Pattern INVISIBLE = Pattern.compile("(?is)<(script|style)[^>]*>.*?</\\1\\s*>");
    private static final Set<String> WHOLE_TYPES = Set.of("zip", "docm", "xlsm", "pptm", "docx", "xlsx", "pptx", "doc", "xls",
            "ppt", "jar");

    private final int maxTextBytes;
    private final int maxArchiveBytes;

    public MessageContentParser(int maxTextBytes, int maxArchiveBytes) {
        this.maxTextBytes = maxTextBytes;
        this.maxArchiveBytes = maxArchiveBytes;
    }

    public MessageContent parse(byte[] content) {
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder();
        List<MessageContent.Attachment> attachments = new ArrayList<>();
        List<MessageContent.Part> parts = new ArrayList<>();
        boolean sawPlain = false;
        boolean sawHtml = false;
        MimeConfig config = MimeConfig.custom().setMaxLineLen(-1).setMaxHeaderLen(-1).setMaxHeaderCount(-1).build();
        MimeTokenStream stream = new MimeTokenStream(config, DecodeMonitor.SILENT, new DefaultBodyDescriptorBuilder());
        stream.setRecursionMode(RecursionMode.M_NO_RECURSE);
        stream.parse(new ByteArrayInputStream(content));
        try {
            for (EntityState state = stream.getState(); state != EntityState.T_END_OF_STREAM; state = stream.next()) {
                if (state != EntityState.T_BODY) {
                    continue;
                }
                MaximalBodyDescriptor body = (MaximalBodyDescriptor) stream.getBodyDescriptor();
                String mimeType = body.getMimeType() == null ? "text/plain" : body.getMimeType().toLowerCase(Locale.ROOT);
                String filename = filename(body);
                parts.add(new MessageContent.Part(mimeType, lower(body.getCharset()), lower(body.getTransferEncoding())));
                boolean attachment = filename != null || "attachment".equalsIgnoreCase(body.getContentDispositionType());
                if (!attachment && mimeType.equals("text/plain")) {
                    sawPlain = true;
                    text.append(decode(stream.getDecodedInputStream(), body.getCharset())).append('\n');
                } else if (!attachment && mimeType.equals("text/html")) {
                    sawHtml = true;
                    String markup = decode(stream.getDecodedInputStream(), body.getCharset());
                    html.append(markup).append('\n');
                    text.append(htmlText(markup)).append('\n');
                } else if (attachment || !mimeType.startsWith("text/")) {
                    attachments.add(attachment(stream.getDecodedInputStream(), filename, mimeType));
                }
            }
        } catch (IOException | MimeException brokenStructure) {
            // keep what was read: a malformed message is still scored, and is suspicious in itself for the rules
        }
        List<MessageContent.Link> links = new ArrayList<>();
        Matcher anchor = ANCHOR.matcher(html);
        while (anchor.find()) {
            links.add(new MessageContent.Link(unescape(anchor.group(1)), unescape(TAG.matcher(anchor.group(2)).replaceAll("")).strip()));
        }
        Set<String> uris = new LinkedHashSet<>();
        Matcher uri = URI.matcher(text.toString() + "\n" + html);
        while (uri.find()) {
            uris.add(unescape(uri.group()));
        }
        return new MessageContent(text.toString(), html.toString(), List.copyOf(links), List.copyOf(uris), sawHtml && !sawPlain,
                List.copyOf(attachments), List.copyOf(parts));
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    private static String filename(MaximalBodyDescriptor body) {
        String name = body.getContentDispositionFilename();
        if (name == null || name.isBlank()) {
            name = body.getContentTypeParameters().get("name");
        }
        if (name == null || name.isBlank()) {
            return null;
        }
        return org.apache.james.mime4j.codec.DecoderUtil.decodeEncodedWords(name, DecodeMonitor.SILENT).strip();
    }

    private String decode(InputStream in, String charset) throws IOException {
        byte[] bytes = in.readNBytes(maxTextBytes);
        Charset decoder;
        try {
            decoder = charset == null ? StandardCharsets.ISO_8859_1 : Charset.forName(charset);
        } catch (IllegalArgumentException unknownCharset) {
            decoder = StandardCharsets.ISO_8859_1;
        }
        return new String(bytes, decoder);
    }

    private MessageContent.Attachment attachment(InputStream in, String filename, String mimeType) throws IOException {
        String extension = filename == null || filename.lastIndexOf('.') < 0 ? "" : filename.substring(filename.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        boolean whole = WHOLE_TYPES.contains(extension) || mimeType.contains("zip") || mimeType.contains("officedocument")
                || mimeType.contains("msword") || mimeType.contains("ms-excel") || mimeType.contains("macroenabled");
        byte[] head = in.readNBytes(whole ? maxArchiveBytes : HEAD_BYTES);
        long size = head.length + in.transferTo(java.io.OutputStream.nullOutputStream());
        return new MessageContent.Attachment(filename, mimeType, size, head);
    }

    /** The visible text of HTML: no scripts, styles or tags; common entities resolved. */
    static String htmlText(String markup) {
        String visible = INVISIBLE.matcher(markup).replaceAll(" ");
        visible = TAG.matcher(visible).replaceAll(" ");
        return unescape(visible).replaceAll("[ \\t\\x0B\\f\\r]+", " ");
    }

    private static String unescape(String html) {
        return html.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
    }
}
