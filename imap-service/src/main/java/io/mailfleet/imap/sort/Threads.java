package io.mailfleet.imap.sort;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * RFC 5256's threading algorithms over messages that matched the THREAD's search keys. Each returns the
 * rendered threads in order, ready for {@code * THREAD}.
 */
public final class Threads {

    private static final Comparator<ThreadNode> BY_DATE = Comparator.comparing(ThreadNode::date).thenComparingInt(ThreadNode::msn);

    private Threads() {
    }

    /**
     * ORDEREDSUBJECT (RFC 5256 4): messages grouped by base subject, each group ordered by sent date; the first
     * message of a group is its parent, the others its children; groups ordered by their first message's date.
     */
    public static String orderedSubject(List<ThreadMessage> messages) {
        Map<String, ThreadNode> groups = new LinkedHashMap<>();
        List<ThreadMessage> sorted = new ArrayList<>(messages);
        sorted.sort(Comparator.comparing((ThreadMessage m) -> BaseSubject.of(m.rawSubject()))
                .thenComparing(ThreadMessage::sentDate).thenComparingInt(ThreadMessage::msn));
        for (ThreadMessage message : sorted) {
            ThreadNode node = new ThreadNode(message);
            ThreadNode first = groups.putIfAbsent(BaseSubject.of(message.rawSubject()), node);
            if (first != null) {
                first.adopt(node);
            }
        }
        List<ThreadNode> roots = new ArrayList<>(groups.values());
        roots.sort(BY_DATE);
        return render(roots);
    }

    /** REFERENCES (RFC 5256 4, after Jamie Zawinski): threads from Message-ID / References / In-Reply-To, then by subject. */
    public static String references(List<ThreadMessage> messages) {
        Map<String, ThreadNode> byId = new HashMap<>();
        List<ThreadNode> all = new ArrayList<>();
        // (1) link messages and their references
        for (ThreadMessage message : messages) {
            String id = message.messageId();
            ThreadNode node = id == null ? null : byId.get(id);
            if (node == null || !node.dummy()) {
                // no id, or a duplicate id: the message gets a container of its own
                node = new ThreadNode(message);
                if (id != null && !byId.containsKey(id)) {
                    byId.put(id, node);
                }
            } else {
                node.message = message;
            }
            all.add(node);
            ThreadNode previous = null;
            for (String reference : message.references()) {
                ThreadNode container = byId.computeIfAbsent(reference, ignored -> {
                    ThreadNode dummy = new ThreadNode(null);
                    all.add(dummy);
                    return dummy;
                });
                if (previous != null && container.parent == null && !container.reaches(previous)) {
                    previous.adopt(container);
                }
                previous = container;
            }
            if (previous != null && previous != node && !node.reaches(previous)) {
                previous.adopt(node);
            } else if (previous == null && node.parent != null) {
                node.parent.children.remove(node);
                node.parent = null;
            }
        }
        // (2) the root set
        Set<ThreadNode> rootSet = new LinkedHashSet<>(); // identity: a dummy that got its message is listed twice
        for (ThreadNode node : all) {
            if (node.parent == null) {
                rootSet.add(node);
            }
        }
        List<ThreadNode> roots = new ArrayList<>(rootSet);
        // (3) prune dummies
        roots = prune(roots, true);
        // (4) sort the root set, (5) group it by subject
        sortTree(roots);
        roots = groupBySubject(roots);
        // (6) sort every level by date
        sortTree(roots);
        return render(roots);
    }

    /** Drops empty dummies and lifts a dummy's children into its place (at the root only when it has one child). */
    private static List<ThreadNode> prune(List<ThreadNode> siblings, boolean root) {
        List<ThreadNode> kept = new ArrayList<>();
        for (ThreadNode node : siblings) {
            List<ThreadNode> children = prune(new ArrayList<>(node.children), false);
            node.children.clear();
            for (ThreadNode child : children) {
                child.parent = node;
                node.children.add(child);
            }
            if (node.dummy() && node.children.isEmpty()) {
                continue;
            }
            if (node.dummy() && (!root || node.children.size() == 1)) {
                for (ThreadNode child : node.children) {
                    child.parent = root ? null : node.parent;
                    kept.add(child);
                }
                continue;
            }
            kept.add(node);
        }
        return kept;
    }

    private static List<ThreadNode> groupBySubject(List<ThreadNode> roots) {
        Map<String, ThreadNode> table = new HashMap<>();
        for (ThreadNode root : roots) {
            String subject = subject(root);
            if (subject.isEmpty()) {
                continue;
            }
            ThreadNode existing = table.get(subject);
            if (existing == null || (root.dummy() && !existing.dummy())
                    || (!existing.dummy() && isReply(existing) && !root.dummy() && !isReply(root))) {
                table.put(subject, root);
            }
        }
        List<ThreadNode> grouped = new ArrayList<>();
        for (ThreadNode root : roots) {
            String subject = subject(root);
            ThreadNode chosen = subject.isEmpty() ? null : table.get(subject);
            if (chosen == null || chosen == root) {
                grouped.add(root);
                continue;
            }
            if (chosen.dummy() && root.dummy()) {
                for (ThreadNode child : new ArrayList<>(root.children)) {
                    chosen.adopt(child);
                }
            } else if (chosen.dummy()) {
                chosen.adopt(root);
            } else if (!isReply(chosen) && isReply(root)) {
                chosen.adopt(root);
            } else {
                // neither is the other's reply: both become children of a new dummy in the chosen one's place
                ThreadNode dummy = new ThreadNode(null);
                int at = grouped.indexOf(chosen);
                dummy.adopt(chosen);
                dummy.adopt(root);
                table.put(subject, dummy);
                if (at >= 0) {
                    grouped.set(at, dummy);
                } else {
                    grouped.add(dummy);
                }
            }
        }
        return grouped;
    }

    private static String subject(ThreadNode node) {
        ThreadNode source = node.dummy() && !node.children.isEmpty() ? node.children.get(0) : node;
        return source.message == null ? "" : BaseSubject.of(source.message.rawSubject());
    }

    /** Whether the subject carried a reply/forward decoration that the base subject dropped. */
    private static boolean isReply(ThreadNode node) {
        String raw = node.message == null ? null : node.message.rawSubject();
        if (raw == null) {
            return false;
        }
        String plain = raw.replaceAll("[\\t\\r\\n ]+", " ").trim().toLowerCase(Locale.ROOT);
        return !plain.equals(BaseSubject.of(raw)) && (plain.startsWith("re") || plain.startsWith("fw") || plain.endsWith("(fwd)"));
    }

    private static void sortTree(List<ThreadNode> siblings) {
        for (ThreadNode node : siblings) {
            sortTree(node.children);
        }
        siblings.sort(BY_DATE);
    }

    private static String render(List<ThreadNode> roots) {
        StringBuilder out = new StringBuilder();
        for (ThreadNode root : roots) {
            out.append(root.render());
        }
        return out.toString();
    }
}
