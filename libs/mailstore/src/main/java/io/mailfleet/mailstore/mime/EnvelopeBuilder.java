package io.mailfleet.mailstore.mime;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.james.mime4j.dom.Header;
import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.LenientAddressParser;

/**
 * The IMAP ENVELOPE (RFC 9051 7.5.2) of a header as JSON: strings are the raw unfolded header values
 * (encoded-words intact, as IMAP returns them); address lists are arrays of
 * {@code {name, adl, mailbox, host}}, with RFC 5322 groups in IMAP's form (a start entry whose host is
 * null and mailbox is the group name, and an all-null end entry). Absent fields are JSON null.
 */
final class EnvelopeBuilder {

    private EnvelopeBuilder() {
    }

    static JsonObject build(Header header) {
        JsonArray from = addresses(header, "From");
        JsonArray sender = addresses(header, "Sender");
        JsonArray replyTo = addresses(header, "Reply-To");
        return new JsonObject()
                .put("date", HeaderValues.raw(header, "Date"))
                .put("subject", HeaderValues.raw(header, "Subject"))
                .put("from", from)
                // RFC 9051: an absent or empty Sender / Reply-To takes the value of From
                .put("sender", sender == null || sender.isEmpty() ? from : sender)
                .put("replyTo", replyTo == null || replyTo.isEmpty() ? from : replyTo)
                .put("to", addresses(header, "To"))
                .put("cc", addresses(header, "Cc"))
                .put("bcc", addresses(header, "Bcc"))
                .put("inReplyTo", HeaderValues.raw(header, "In-Reply-To"))
                .put("messageId", HeaderValues.raw(header, "Message-ID"));
    }

    static JsonObject empty() {
        return new JsonObject().put("date", null).put("subject", null).put("from", null).put("sender", null)
                .put("replyTo", null).put("to", null).put("cc", null).put("bcc", null)
                .put("inReplyTo", null).put("messageId", null);
    }

    private static JsonArray addresses(Header header, String name) {
        String raw = HeaderValues.raw(header, name);
        if (raw == null) {
            return null;
        }
        JsonArray list = new JsonArray();
        AddressList parsed = LenientAddressParser.DEFAULT.parseAddressList(raw);
        for (Address address : parsed) {
            if (address instanceof Mailbox mailbox) {
                list.add(mailbox(mailbox));
            } else if (address instanceof Group group) {
                list.add(new JsonObject().put("name", null).put("adl", null).put("mailbox", group.getName()).put("host", null));
                group.getMailboxes().forEach(member -> list.add(mailbox(member)));
                list.add(new JsonObject().put("name", null).put("adl", null).put("mailbox", null).put("host", null));
            }
        }
        return list;
    }

    private static JsonObject mailbox(Mailbox mailbox) {
        String route = mailbox.getRoute() == null || mailbox.getRoute().isEmpty() ? null : mailbox.getRoute().toRouteString();
        return new JsonObject()
                .put("name", mailbox.getName())
                .put("adl", route)
                .put("mailbox", mailbox.getLocalPart())
                .put("host", mailbox.getDomain());
    }
}
