package io.mailfleet.events;

/** How a message entered the platform. */
public enum Direction {
    /** Received on the MX listener from another MTA. */
    INBOUND,
    /** Submitted by an authenticated user (587/465). */
    SUBMISSION
}
