package io.mailfleet.imap.command;

import io.mailfleet.imap.protocol.ImapArgumentReader;

/**
 * One framed command: its tag, its name (upper case, without a {@code UID} prefix), whether it came as
 * {@code UID …}, and a reader positioned after the name (before the space preceding the first argument).
 */
public record ImapCommand(String tag, String name, boolean uid, ImapArgumentReader args) {
}
