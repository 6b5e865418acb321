package io.mailfleet.spam.rules;

/**
 * Text that stops a regular expression once its time is up: Java's matcher has no timeout, and one backtracking rule (from
 * a rules update, or provoked by a crafted message) must not hold a scoring thread. Reading a character after the deadline
 * throws {@link TimeUp}; the rule then counts as not hit. The clock is read every few thousand characters only.
 */
final class BoundedText implements CharSequence {

    /** The match ran out of time. */
    static final class TimeUp extends RuntimeException {
        TimeUp() {
            super("rule match took too long", null, false, false);
        }
    }

    private static final int CHECK_EVERY = 4096;

    private final String text;
    private final long deadline;
    private int reads;

    BoundedText(String text, long deadlineNanos) {
        this.text = text;
        this.deadline = deadlineNanos;
    }

    @Override
    public char charAt(int index) {
        if (++reads % CHECK_EVERY == 0 && System.nanoTime() - deadline > 0) {
            throw new TimeUp();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BoundedText(text.substring(start, end), deadline);
    }

    @Override
    public String toString() {
        return text;
    }
}
