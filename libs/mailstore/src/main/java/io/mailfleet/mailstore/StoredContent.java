package io.mailfleet.mailstore;

import io.mailfleet.mailstore.blob.BlobId;
import io.mailfleet.mailstore.mime.MessageParser;
import io.mailfleet.mailstore.mime.ParsedMessage;

/**
 * A message ready to be written: its bytes, their SHA-256 and what parsing them yielded. Made with
 * {@link #prepare} off the event loop (hashing and parsing are CPU work), then written in a transaction.
 */
public record StoredContent(byte[] bytes, BlobId blob, ParsedMessage parsed) {

    public static StoredContent prepare(MessageParser parser, byte[] bytes) {
        return new StoredContent(bytes, BlobId.of(bytes), parser.parse(bytes));
    }
}
