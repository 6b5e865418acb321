package io.mailfleet.imap.sort;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One container of a thread tree: a message, or a dummy standing for a referenced message that is not here. */
final class ThreadNode {

    ThreadMessage message;
    ThreadNode parent;
    final List<ThreadNode> children = new ArrayList<>();

    ThreadNode(ThreadMessage message) {
        this.message = message;
    }

    boolean dummy() {
        return message == null;
    }

    /** Whether {@code other} is this node or one of its descendants (linking it under this would make a loop). */
    boolean reaches(ThreadNode other) {
        if (other == this) {
            return true;
        }
        for (ThreadNode child : children) {
            if (child.reaches(other)) {
                return true;
            }
        }
        return false;
    }

    void adopt(ThreadNode child) {
        if (child.parent != null) {
            child.parent.children.remove(child);
        }
        child.parent = this;
        children.add(child);
    }

    /** The message's sent date, or a dummy's first child's (children sorted first). */
    Instant date() {
        if (message != null) {
            return message.sentDate();
        }
        return children.isEmpty() ? Instant.MIN : children.get(0).date();
    }

    int msn() {
        if (message != null) {
            return message.msn();
        }
        return children.isEmpty() ? 0 : children.get(0).msn();
    }

    /** The thread as the THREAD response writes it: {@code (3 6 (4 23)(44 7 96))}. */
    String render() {
        return "(" + body() + ")";
    }

    private String body() {
        StringBuilder out = new StringBuilder();
        ThreadNode current = this;
        while (true) {
            if (current.message != null) {
                if (!out.isEmpty()) {
                    out.append(' ');
                }
                out.append(current.message.number());
                if (current.children.size() == 1) {
                    current = current.children.get(0);
                    continue;
                }
            }
            if (!current.children.isEmpty()) {
                if (!out.isEmpty()) {
                    out.append(' ');
                }
                for (ThreadNode child : current.children) {
                    out.append('(').append(child.body()).append(')');
                }
            }
            return out.toString();
        }
    }
}
