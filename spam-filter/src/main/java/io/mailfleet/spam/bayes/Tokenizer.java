package io.mailfleet.spam.bayes;

import io.mailfleet.spam.dmarc.OrganizationalDomain;
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
 * Turns a message into the set of features the classifier counts (each at most once per message), the way SpamBayes'
 * tokenizer does: words of the subject and the decoded body (text parts, and the visible text of HTML parts), addresses
 * and display names of the originator fields, the relays named in Received fields (host name suffixes and IP prefixes),
 * the Message-ID's host, the software and MIME structure that built the message, and the hosts and path words of links.
 * Every header feature carries its field name as a prefix, so "free" in a subject and in a body are different evidence.
 * Words are counted lower-cased, and those with two or more capitals also as written.
 */
public final class Tokenizer {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}$€£!'][\\p{L}\\p{N}$€£!'.\\-]*[\\p{L}\\p{N}$€£!]|[\\p{L}\\p{N}$€£]");
    /** Runs of punctuation in a subject ("!!!", "$$$", "..."): spam shouts. */
    private static final Pattern SUBJECT_PUNCTUATION = Pattern.compile("[!?$*%.]{2,}");
    private static final Pattern ADDRESS = Pattern.compile("([\\w.+\\-=]+)@([\\w\\-]+(?:\\.[\\w\\-]+)+)");
    private static final Pattern HOST = Pattern.compile("(?<![\\w.\\-])([a-z0-9](?:[a-z0-9\\-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9\\-]*[a-z0-9])?)*\\.[a-z]{2,})(?![\\w\\-])");
    private static final Pattern IPV4 = Pattern.compile("(?<![\\d.])(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d.])");
    /** Fields whose words are features as such: software, lists, organisations. */
    private static final Set<String> WORD_FIELDS = Set.of("x-mailer", "user-agent", "organization", "list-id", "precedence",
            "x-mailing-list", "content-type", "content-transfer-encoding", "mime-version", "x-priority", "x-msmail-priority");
    private static final Set<String> ADDRESS_FIELDS = Set.of("from", "reply-to", "return-path", "to", "cc");
    private static final int MAX_WORDS = 3000;
    private static final int MAX_RECEIVED = 8;

    private Tokenizer() {
    }

    public static Set<String> tokens(RawMessage message, MessageContent content) {
        Set<String> tokens = new LinkedHashSet<>();
        int received = 0;
        boolean sawSubject = false;
        for (RawMessage.HeaderField field : message.fields()) {
            String name = field.lowerName();
            // which fields a sender writes (and which it leaves out) says much about the software behind it
            tokens.add("field:" + name);
            if (name.equals("subject")) {
                sawSubject = true;
                subject(decoded(field), tokens);
            } else if (ADDRESS_FIELDS.contains(name)) {
                addresses(name, decoded(field), tokens);
            } else if (name.equals("received") && received++ < MAX_RECEIVED) {
                relays(field.utf8Value(), tokens);
            } else if (name.equals("message-id")) {
                messageId(field.utf8Value(), tokens);
            } else if (WORD_FIELDS.contains(name)) {
                words(decoded(field), name + ":", tokens, 50);
            }
        }
        if (!sawSubject) {
            tokens.add("subject:none");
        }
        words(content.text(), "", tokens, MAX_WORDS);
        Matcher address = ADDRESS.matcher(content.text());
        for (int i = 0; i < 50 && address.find(); i++) {
            tokens.add("email-domain:" + address.group(2).toLowerCase(Locale.ROOT));
        }
        for (String uri : content.uris()) {
            url(uri, tokens);
        }
        for (MessageContent.Part part : content.parts()) {
            tokens.add("part:" + part.mimeType());
            if (part.charset() != null) {
                tokens.add("charset:" + part.charset());
            }
            if (part.transferEncoding() != null) {
                tokens.add("encoding:" + part.transferEncoding());
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

    private static String decoded(RawMessage.HeaderField field) {
        return DecoderUtil.decodeEncodedWords(field.utf8Value(), DecodeMonitor.SILENT);
    }

    private static void subject(String subject, Set<String> tokens) {
        words(subject, "subject:", tokens, 50);
        Matcher punctuation = SUBJECT_PUNCTUATION.matcher(subject);
        while (punctuation.find()) {
            tokens.add("subject-punct:" + punctuation.group());
        }
        long letters = subject.chars().filter(Character::isLetter).count();
        long capitals = subject.chars().filter(Character::isUpperCase).count();
        if (letters >= 8 && capitals * 10 >= letters * 7) {
            tokens.add("subject:shouting");
        }
    }

    /** The address, its domain and organizational domain, and the words of the display name (or its absence). */
    private static void addresses(String name, String value, Set<String> tokens) {
        Matcher address = ADDRESS.matcher(value);
        int count = 0;
        while (address.find() && count++ < 20) {
            String domain = address.group(2).toLowerCase(Locale.ROOT);
            tokens.add(name + ":addr:" + address.group(1).toLowerCase(Locale.ROOT) + "@" + domain);
            String organization = OrganizationalDomain.of(domain);
            tokens.add(name + ":org:" + organization);
            if (!organization.equals(domain)) {
                tokens.add(name + ":domain:" + domain);
            }
            // spam often comes from a made-up numbered mailbox
            if (address.group(1).chars().filter(Character::isDigit).count() >= 3) {
                tokens.add(name + ":numeric-local");
            }
        }
        if (count == 0) {
            tokens.add(name + ":no-address");
        } else if (count > 1) {
            tokens.add(name + ":addresses:" + Math.min(count, 10) / 5 * 5);
        }
        if (name.equals("from")) {
            String display = ADDRESS.matcher(value).replaceAll(" ").replaceAll("[<>\"()]", " ");
            if (display.isBlank()) {
                tokens.add("from:no-display-name");
            }
            words(display, "from:name:", tokens, 10);
        }
    }

    /** Every host name suffix (down to the organizational domain) and the /8, /16, /24 prefixes of every IPv4 address. */
    private static void relays(String value, Set<String> tokens) {
        String lower = value.toLowerCase(Locale.ROOT);
        Matcher host = HOST.matcher(lower);
        while (host.find()) {
            String name = host.group(1);
            String organization = OrganizationalDomain.of(name);
            tokens.add("received:" + organization);
            for (int dot = name.indexOf('.'); dot >= 0 && name.length() > organization.length(); dot = name.indexOf('.')) {
                tokens.add("received:" + name);
                name = name.substring(dot + 1);
            }
        }
        Matcher ip = IPV4.matcher(lower);
        while (ip.find()) {
            String a = ip.group(1);
            String ab = a + "." + ip.group(2);
            tokens.add("received-ip:" + a);
            tokens.add("received-ip:" + ab);
            tokens.add("received-ip:" + ab + "." + ip.group(3));
        }
    }

    /** The host part of the Message-ID, and the shape of its local part (digits and letters, how long). */
    private static void messageId(String value, Set<String> tokens) {
        String id = value.strip();
        int at = id.lastIndexOf('@');
        if (at < 0) {
            tokens.add("message-id:no-host");
            return;
        }
        String host = id.substring(at + 1).replaceAll("[<>\\s]", "").toLowerCase(Locale.ROOT);
        tokens.add("message-id:host:" + host);
        tokens.add("message-id:org:" + OrganizationalDomain.of(host));
        String local = id.substring(0, at).replaceAll("[<>\\s]", "");
        tokens.add("message-id:shape:" + local.replaceAll("[0-9]+", "9").replaceAll("[A-Za-z]+", "a").replaceAll("(.)\\1+", "$1")
                + ":" + Math.min(local.length(), 60) / 10);
    }

    private static void url(String uri, Set<String> tokens) {
        try {
            URI parsed = URI.create(uri);
            String host = parsed.getHost();
            if (host == null) {
                tokens.add("url:no-host");
                return;
            }
            host = host.toLowerCase(Locale.ROOT);
            tokens.add("url:" + host);
            tokens.add("url-org:" + OrganizationalDomain.of(host));
            tokens.add("url-scheme:" + parsed.getScheme().toLowerCase(Locale.ROOT));
            if (IPV4.matcher(host).matches()) {
                tokens.add("url:numeric-host");
            }
            if (parsed.getPort() != -1) {
                tokens.add("url:port");
            }
            if (parsed.getRawQuery() != null) {
                tokens.add("url:query");
            }
            // path words: spam links tend to name click-tracking and "remove" pages
            String path = parsed.getPath();
            if (path != null) {
                words(path.replace('/', ' ').replace('_', ' ').replace('.', ' '), "url-path:", tokens, 20);
            }
        } catch (IllegalArgumentException malformed) {
            tokens.add("url:malformed");
        }
    }

    private static void words(String text, String prefix, Set<String> tokens, int limit) {
        Matcher m = WORD.matcher(text);
        int count = 0;
        while (m.find() && count++ < limit) {
            String raw = m.group();
            String word = raw.toLowerCase(Locale.ROOT);
            // "FREE" and "MONEY" shout where "free" and "money" talk: words with two capitals also count as written
            if (word.length() >= 3 && word.length() <= 20 && raw.chars().filter(Character::isUpperCase).count() >= 2) {
                tokens.add(prefix + "case:" + raw);
            }
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
