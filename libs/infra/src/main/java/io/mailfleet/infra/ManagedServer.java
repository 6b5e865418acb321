package io.mailfleet.infra;

/** A real server on loopback that this JVM started and must stop. */
public interface ManagedServer extends AutoCloseable {

    /** Short name for logs and messages, e.g. "kafka". */
    String name();

    /** Starts the server and returns once it serves requests. */
    void start();

    /** Stops the server; safe to call twice. */
    @Override
    void close();
}
