package io.mailfleet.imap.session;

import io.mailfleet.imap.protocol.ImapSyntaxException;
import io.mailfleet.mailstore.Flags;
import io.mailfleet.mailstore.SystemFlag;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;

/** Flags between their wire form ({@code (\Seen $Junk)}) and the mailstore's {@link Flags}. */
public final class FlagsFormat {

    public static final String SYSTEM_FLAGS = "(\\Answered \\Deleted \\Draft \\Flagged \\Seen)";

    private FlagsFormat() {
    }

    /** System flags in alphabetical order with {@code \\Recent} among them (as Apache James writes them), then keywords. */
    public static String render(Flags flags, boolean recent) {
        StringJoiner joiner = new StringJoiner(" ", "(", ")");
        for (SystemFlag flag : List.of(SystemFlag.ANSWERED, SystemFlag.DELETED, SystemFlag.DRAFT, SystemFlag.FLAGGED)) {
            if (flags.has(flag)) {
                joiner.add(flag.imapName());
            }
        }
        if (recent) {
            joiner.add("\\Recent");
        }
        if (flags.has(SystemFlag.SEEN)) {
            joiner.add(SystemFlag.SEEN.imapName());
        }
        flags.keywords().forEach(joiner::add);
        return joiner.toString();
    }

    /** A keyword appeared in the mailbox: the client learns the new FLAGS and PERMANENTFLAGS (RFC 9051 7.3.5). */
    public static void announceKeywords(SelectedMailbox view, ImapResponder out) {
        out.untagged("FLAGS " + view.flags());
        out.untagged("OK [PERMANENTFLAGS " + view.permanentFlags() + "] Limited");
    }

    /** STORE / APPEND flags; {@code \Recent} cannot be set by a client and is ignored, other unknown system flags are BAD. */
    public static Flags parse(List<String> names) {
        Set<SystemFlag> system = EnumSet.noneOf(SystemFlag.class);
        Set<String> keywords = new TreeSet<>();
        for (String name : names) {
            if (name.startsWith("\\")) {
                if (name.equalsIgnoreCase("\\Recent")) {
                    continue;
                }
                system.add(SystemFlag.ofImapName(name).orElseThrow(() -> new ImapSyntaxException("unknown system flag " + name)));
            } else {
                keywords.add(name);
            }
        }
        return new Flags(system, keywords);
    }
}
