package io.mailfleet.imap.fetch;

import io.mailfleet.imap.protocol.ImapResponseBuilder;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Locale;

/**
 * ENVELOPE and BODY/BODYSTRUCTURE (RFC 9051 7.5.2) rendered from the JSON the mailstore cached when the
 * message was stored (docs/mailstore.md): no message is parsed again to answer FETCH.
 */
public final class StructureFormat {

    private StructureFormat() {
    }

    public static void envelope(ImapResponseBuilder out, JsonObject envelope) {
        out.open();
        out.nstring(envelope.getString("date"));
        out.nstring(envelope.getString("subject"));
        for (String field : new String[] {"from", "sender", "replyTo", "to", "cc", "bcc"}) {
            addresses(out, envelope.getJsonArray(field));
        }
        out.nstring(envelope.getString("inReplyTo"));
        out.nstring(envelope.getString("messageId"));
        out.close();
    }

    private static void addresses(ImapResponseBuilder out, JsonArray list) {
        if (list == null || list.isEmpty()) {
            out.nil();
            return;
        }
        out.open();
        for (int i = 0; i < list.size(); i++) {
            JsonObject address = list.getJsonObject(i);
            out.open()
                    .nstring(address.getString("name"))
                    .nstring(address.getString("adl"))
                    .nstring(address.getString("mailbox"))
                    .nstring(address.getString("host"))
                    .close();
        }
        out.close();
    }

    /** BODYSTRUCTURE ({@code extended}) or BODY. */
    public static void body(ImapResponseBuilder out, JsonObject part, boolean extended) {
        out.open();
        if ("multipart".equalsIgnoreCase(part.getString("type"))) {
            JsonArray parts = part.getJsonArray("parts", new JsonArray());
            if (parts.isEmpty()) {
                // RFC 9051 requires at least one part; an empty multipart reads as one empty text part
                out.raw("(\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 0 0)");
            }
            for (int i = 0; i < parts.size(); i++) {
                ImapResponseBuilder nested = out;
                nestedPart(nested, parts.getJsonObject(i), extended);
            }
            out.string(upper(part.getString("subtype", "mixed")));
            if (extended) {
                params(out, part.getJsonObject("params"));
                disposition(out, part.getJsonObject("disposition"));
                language(out, part.getValue("language"));
                out.nstring(part.getString("location"));
            }
            out.close();
            return;
        }
        String type = part.getString("type", "text");
        String subtype = part.getString("subtype", "plain");
        out.string(upper(type)).string(upper(subtype));
        JsonObject params = part.getJsonObject("params");
        if ("text".equalsIgnoreCase(type) && (params == null || params.isEmpty())) {
            // RFC 2045 5.2: a text part without parameters is charset=us-ascii
            params = new JsonObject().put("charset", "us-ascii");
        }
        params(out, params);
        out.nstring(part.getString("id"));
        out.nstring(part.getString("description"));
        out.string(upper(part.getString("encoding", "7bit")));
        out.number(part.getLong("size", 0L));
        if ("message".equalsIgnoreCase(type) && "rfc822".equalsIgnoreCase(subtype) && part.getJsonObject("envelope") != null) {
            envelope(out, part.getJsonObject("envelope"));
            body(out, part.getJsonObject("body"), extended);
            out.number(part.getLong("lines", 0L));
        } else if ("text".equalsIgnoreCase(type)) {
            out.number(part.getLong("lines", 0L));
        }
        if (extended) {
            out.nstring(part.getString("md5"));
            disposition(out, part.getJsonObject("disposition"));
            language(out, part.getValue("language"));
            out.nstring(part.getString("location"));
        }
        out.close();
    }

    /** Parts of a multipart follow each other without a space: {@code ((…)(…) "MIXED")}. */
    private static void nestedPart(ImapResponseBuilder out, JsonObject part, boolean extended) {
        out.suppressSpace();
        body(out, part, extended);
    }

    private static void params(ImapResponseBuilder out, JsonObject params) {
        if (params == null || params.isEmpty()) {
            out.nil();
            return;
        }
        out.open();
        for (String key : params.fieldNames()) {
            Object value = params.getValue(key);
            out.string(key).string(value == null ? "" : value.toString());
        }
        out.close();
    }

    private static void disposition(ImapResponseBuilder out, JsonObject disposition) {
        if (disposition == null) {
            out.nil();
            return;
        }
        out.open().string(upper(disposition.getString("type", "attachment")));
        params(out, disposition.getJsonObject("params"));
        out.close();
    }

    private static void language(ImapResponseBuilder out, Object language) {
        if (language instanceof JsonArray languages && !languages.isEmpty()) {
            out.open();
            for (int i = 0; i < languages.size(); i++) {
                out.string(String.valueOf(languages.getValue(i)));
            }
            out.close();
        } else if (language instanceof String single) {
            out.string(single);
        } else {
            out.nil();
        }
    }

    private static String upper(String value) {
        return value.toUpperCase(Locale.ROOT);
    }
}
