package io.mailfleet.mailstore;

/** IMAP STORE semantics: replace the flags ({@code FLAGS}), add them ({@code +FLAGS}) or remove them ({@code -FLAGS}). */
public record FlagUpdate(Mode mode, Flags flags) {

    public enum Mode { REPLACE, ADD, REMOVE }

    public static FlagUpdate replace(Flags flags) {
        return new FlagUpdate(Mode.REPLACE, flags);
    }

    public static FlagUpdate add(Flags flags) {
        return new FlagUpdate(Mode.ADD, flags);
    }

    public static FlagUpdate remove(Flags flags) {
        return new FlagUpdate(Mode.REMOVE, flags);
    }
}
