package io.mailfleet.mailstore.blob;

/** A message refers to a blob the store does not have: a storage fault, never a user error. */
public class BlobNotFoundException extends RuntimeException {

    public BlobNotFoundException(BlobId id) {
        super("blob " + id + " is missing");
    }
}
