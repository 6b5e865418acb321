package io.mailfleet.mailstore.mime;

import io.vertx.core.json.JsonObject;

/**
 * What the mailstore caches about a message when it is stored, so IMAP never parses it again.
 *
 * @param envelope      IMAP ENVELOPE as JSON (docs/mailstore.md)
 * @param bodyStructure IMAP BODYSTRUCTURE as JSON (docs/mailstore.md)
 * @param searchText    decoded header and text-part content for the full-text index
 */
public record ParsedMessage(JsonObject envelope, JsonObject bodyStructure, String searchText) {
}
