package io.mailfleet.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * The repository's .dockerignore with Docker's reading of it: the last pattern matching a path or one of its
 * parents decides, "!" re-includes, "*" stays within one path segment (Go's filepath.Match, like a Java glob).
 */
final class DockerIgnore {

    private record Rule(PathMatcher matcher, boolean include) {
    }

    private final List<Rule> rules;

    private DockerIgnore(List<Rule> rules) {
        this.rules = rules;
    }

    static DockerIgnore read() {
        List<Rule> rules = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Repository.root().resolve(".dockerignore"))) {
                String pattern = line.strip();
                if (pattern.isEmpty() || pattern.startsWith("#")) {
                    continue;
                }
                boolean include = pattern.startsWith("!");
                String glob = (include ? pattern.substring(1) : pattern).replaceAll("^/+|/+$", "");
                rules.add(new Rule(FileSystems.getDefault().getPathMatcher("glob:" + glob), include));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DockerIgnore(rules);
    }

    /** Whether the build context holds this path (relative to the repository root, "/"-separated). */
    boolean sends(String path) {
        boolean sent = true;
        for (Rule rule : rules) {
            for (Path candidate = Path.of(path); candidate != null; candidate = candidate.getParent()) {
                if (rule.matcher().matches(candidate)) {
                    sent = rule.include();
                    break;
                }
            }
        }
        return sent;
    }
}
