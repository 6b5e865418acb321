package io.mailfleet.spam.rules;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.LongSupplier;

/**
 * Text that stops a regular expression once its time is up: Java's matcher has no timeout, and one backtracking rule (from
 * a rules update, or provoked by a crafted message) must not hold a scoring thread. Reading a character after the deadline
 * throws {@link TimeUp}; the rule then counts as not hit. The clock is the thread's CPU time, so a busy machine or a GC
 * pause does not make an ordinary rule give up (the verdict stays the same under load); it is read every 16,384
 * characters read, the budget counting from the first of those reads.
 */
final class BoundedText implements CharSequence {

    /** The match ran out of time. */
    static final class TimeUp extends RuntimeException {
        TimeUp() {
            super("rule match took too long", null, false, false);
        }
    }

    private static final int CHECK_EVERY = 16384;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** The thread's CPU time where the JVM measures it (HotSpot on Linux does), else the wall clock. */
    private static final LongSupplier CLOCK = THREADS.isCurrentThreadCpuTimeSupported() ? THREADS::getCurrentThreadCpuTime : System::nanoTime;

    private final String text;
    private final long budget;
    /** Set at the first check: a match that ends within the first reads never asks the clock, which is not free. */
    private long deadline;
    private boolean started;
    private int reads;

    /** @param budgetNanos CPU time the calling thread may spend reading this text from now on */
    BoundedText(String text, long budgetNanos) {
        this.text = text;
        this.budget = budgetNanos;
    }

    @Override
    public char charAt(int index) {
        if (++reads % CHECK_EVERY == 0) {
            long now = CLOCK.getAsLong();
            if (!started) {
                started = true;
                deadline = now + budget;
            } else if (now - deadline > 0) {
                throw new TimeUp();
            }
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BoundedText(text.substring(start, end), budget);
    }

    @Override
    public String toString() {
        return text;
    }
}
