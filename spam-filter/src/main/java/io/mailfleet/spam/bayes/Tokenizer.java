package io.mailfleet.spam.bayes;

import io.mailfleet.spam.message.MessageContent;
import io.mailfleet.spam.message.RawMessage;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a message into the set of features the classifier counts (each at most once per message): words of the subject and
 * body, a few telling header fields with their name as prefix, link hosts, attachment types. Words are lower-cased; very
 * short and very long ones carry little and are skipped, as SpamBayes found.
 */
public final class Tokenizer {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}$€£!'][\\p{L}\\p{N}$€£!'.\\-]*[\\p{L}\\p{N}$€£!]|[\\p{L}\\p{N}$€£]");
    private static final Set<String> HEADERS = Set.of("subject", "from", "reply-to", "x-mailer", "user-agent", "content-type",
            "organization", "list-id", "precedence", "mime-version", "to", "cc", "message-id", "content-transfer-encoding",
            "x-mailing-list", "errors-to", "return-path");
    private static final int MAX_WORDS = 3000;

    private Tokenizer() {
    }

    public static Set<String> tokens(RawMessage message, MessageContent content) {
        Set<String> tokens = new LinkedHashSet<>();
        for (RawMessage.HeaderField field : message.fields()) {
            String name = field.lowerName();
            // which fields a sender writes (and which it leaves out) says much about the software behind it
            tokens.add("field:" + name);
            if (!HEADERS.contains(name)) {
                continue;
            }
            String value = DecoderUtil.decodeEncodedWords(field.utf8Value(), DecodeMonitor.SILENT);
            words(value, name + ":", tokens, 200);
        }
        words(content.text(), "", tokens, MAX_WORDS);
        for (String uri : content.uris()) {
            try {
                String host = URI.create(uri).getHost();
                if (host != null) {
                    String[] labels = host.toLowerCase(Locale.ROOT).split("\\.");
                    // the registrable end of the host and the whole host
                    if (labels.length >= 2) {
                        tokens.add("url:" + labels[labels.length - 2] + "." + labels[labels.length - 1]);
                    }
                    tokens.add("url:" + host.toLowerCase(Locale.ROOT));
                    // path words: spam links tend to name click-tracking and "remove" pages
                    String path = URI.create(uri).getPath();
                    if (path != null) {
                        words(path.replace('/', ' ').replace('_', ' '), "url-path:", tokens, 20);
                    }
                }
            } catch (IllegalArgumentException malformed) {
                tokens.add("url:malformed");
            }
        }
        for (MessageContent.Attachment attachment : content.attachments()) {
            tokens.add("attachment:" + attachment.mimeType());
        }
        if (content.htmlOnly()) {
            tokens.add("meta:html-only");
        }
        return tokens;
    }

    private static void words(String text, String prefix, Set<String> tokens, int limit) {
        Matcher m = WORD.matcher(text);
        int count = 0;
        while (m.find() && count++ < limit) {
            String word = m.group().toLowerCase(Locale.ROOT);
            if (word.length() < 3) {
                continue;
            }
            if (word.length() > 20) {
                // SpamBayes: a long run is summarised by its kind and length, not kept whole
                tokens.add(prefix + "skip:" + word.charAt(0) + (word.length() / 10) * 10);
                continue;
            }
            tokens.add(prefix + word);
        }
    }
}
