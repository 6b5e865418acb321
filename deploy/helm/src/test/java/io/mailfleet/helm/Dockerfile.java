package io.mailfleet.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * deploy/docker/Dockerfile as its instructions: comments dropped, continued lines joined. Only the forms the
 * file uses are understood (shell-form arguments, ENV key=value pairs); anything else fails the parse rather
 * than being read wrongly.
 */
final class Dockerfile {

    record Instruction(String keyword, String arguments) {

        /** Whitespace-separated words, quotes kept together and removed: COPY's flags and paths, EXPOSE's ports. */
        List<String> words() {
            return Dockerfile.words(arguments);
        }

        /** ENV and LABEL: key=value pairs in order. */
        Map<String, String> pairs() {
            Map<String, String> pairs = new LinkedHashMap<>();
            for (String word : words()) {
                int equals = word.indexOf('=');
                if (equals <= 0) {
                    throw new IllegalArgumentException("not key=value in " + keyword + " " + arguments);
                }
                pairs.put(word.substring(0, equals), word.substring(equals + 1));
            }
            return pairs;
        }
    }

    private final List<Instruction> instructions;

    private Dockerfile(List<Instruction> instructions) {
        this.instructions = List.copyOf(instructions);
    }

    static Dockerfile read() {
        try {
            return parse(Files.readString(path()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path path() {
        return Repository.root().resolve("deploy/docker/Dockerfile");
    }

    static Dockerfile parse(String text) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder logical = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String stripped = line.strip();
            if (stripped.startsWith("#")) {
                continue;
            }
            if (stripped.endsWith("\\")) {
                logical.append(stripped, 0, stripped.length() - 1).append(' ');
                continue;
            }
            logical.append(stripped);
            String instruction = logical.toString().strip();
            logical.setLength(0);
            if (instruction.isEmpty()) {
                continue;
            }
            String[] parts = instruction.split("\\s+", 2);
            instructions.add(new Instruction(parts[0].toUpperCase(java.util.Locale.ROOT), parts.length > 1 ? parts[1] : ""));
        }
        if (!logical.isEmpty()) {
            throw new IllegalArgumentException("the last instruction is continued past the end: " + logical);
        }
        return new Dockerfile(instructions);
    }

    List<Instruction> instructions() {
        return instructions;
    }

    List<Instruction> all(String keyword) {
        return instructions.stream().filter(instruction -> instruction.keyword().equals(keyword)).toList();
    }

    /** The instructions after the last FROM: what ends up in the image. */
    Dockerfile finalStage() {
        int from = -1;
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).keyword().equals("FROM")) {
                from = i;
            }
        }
        if (from < 0) {
            throw new IllegalStateException("no FROM");
        }
        return new Dockerfile(instructions.subList(from, instructions.size()));
    }

    /** Every ENV of the stage, later ones winning. */
    Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        all("ENV").forEach(env -> environment.putAll(env.pairs()));
        return environment;
    }

    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unclosed quote in " + text);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
