package io.mailfleet.spam.rules;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.LongSupplier;

/**
 * Text that stops a regular expression once its time is up: Java's matcher has no timeout, and one backtracking rule (from
 * a rules update, or provoked by a crafted message) must not hold a scoring thread. Reading a character after the deadline
 * throws {@link TimeUp}; the rule then counts as not hit. The clock is the thread's CPU time, so a busy machine or a GC
 * pause does not make an ordinary rule give up (the verdict stays the same under load); it is read every few thousand
 * characters only.
 */
final class BoundedText implements CharSequence {

    /** The match ran out of time. */
    static final class TimeUp extends RuntimeException {
        TimeUp() {
            super("rule match took too long", null, false, false);
        }
    }

    private static final int CHECK_EVERY = 4096;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** The thread's CPU time where the JVM measures it (HotSpot on Linux does), else the wall clock. */
    private static final LongSupplier CLOCK = THREADS.isCurrentThreadCpuTimeSupported() ? THREADS::getCurrentThreadCpuTime : System::nanoTime;

    private final String text;
    private final long deadline;
    private int reads;

    /** @param budgetNanos CPU time the calling thread may spend reading this text from now on */
    BoundedText(String text, long budgetNanos) {
        this(text, CLOCK.getAsLong(), budgetNanos);
    }

    private BoundedText(String text, long startNanos, long budgetNanos) {
        this.text = text;
        this.deadline = startNanos + budgetNanos;
    }

    @Override
    public char charAt(int index) {
        if (++reads % CHECK_EVERY == 0 && CLOCK.getAsLong() - deadline > 0) {
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
        return new BoundedText(text.substring(start, end), deadline, 0);
    }

    @Override
    public String toString() {
        return text;
    }
}
