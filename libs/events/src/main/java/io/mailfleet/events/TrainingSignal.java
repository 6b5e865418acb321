package io.mailfleet.events;

import java.time.Instant;

/**
 * What a user told us about a message by moving it over IMAP: into Junk means spam, out of Junk (to
 * anything but Trash) means ham. Travels as the JSON header {@link #HEADER} of a {@link Topics#SPAM_TRAINING}
 * record whose value is the message's raw bytes, cut at {@link #MAX_CONTENT} (the classifier reads tokens from
 * the headers and the first part of the body, so the rest would only weigh on the broker).
 *
 * @param messageId the stored message's id (so a repeated move of the same message can be recognised)
 * @param source    where the signal came from, e.g. {@code imap-move}
 */
public record TrainingSignal(int version, String tenantId, String accountId, String messageId, Label label,
                             String source, Instant occurredAt) {

    public static final int CURRENT_VERSION = 1;
    public static final int MAX_CONTENT = 256 * 1024;
    public static final JsonHeader<TrainingSignal> HEADER = new JsonHeader<>("mailfleet-training", TrainingSignal.class);

    public enum Label { SPAM, HAM }

    public TrainingSignal {
        if (tenantId == null || tenantId.isBlank() || label == null) {
            throw new IllegalArgumentException("tenant id and label are required");
        }
    }
}
