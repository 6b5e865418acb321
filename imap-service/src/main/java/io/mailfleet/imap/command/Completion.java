package io.mailfleet.imap.command;

/** The tagged status response that ends a command: {@code tag OK|NO|BAD text}. */
public record Completion(String status, String text) {

    public static Completion ok(String text) {
        return new Completion("OK", text);
    }

    public static Completion no(String text) {
        return new Completion("NO", text);
    }

    public static Completion bad(String text) {
        return new Completion("BAD", text);
    }

    public String line(String tag) {
        return tag + " " + status + " " + text + "\r\n";
    }
}
