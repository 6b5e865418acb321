package io.mailfleet.spam.bayes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Messages stored one per file (the SpamAssassin public corpus layout): an mbox "From " first line is dropped and bare LF
 * line ends become CRLF, which is how the gateway hands messages to the filter.
 */
public final class Corpus {

    private Corpus() {
    }

    /** The message files of the directories: the {@code .txt} files where a directory has any, else every regular file. */
    public static List<Path> files(List<Path> directories) {
        List<Path> files = new ArrayList<>();
        for (Path directory : directories) {
            if (!Files.isDirectory(directory)) {
                throw new IllegalArgumentException("not a directory: " + directory);
            }
            try (Stream<Path> listing = Files.list(directory)) {
                List<Path> all = listing.filter(Files::isRegularFile).sorted().toList();
                List<Path> text = all.stream().filter(f -> f.getFileName().toString().endsWith(".txt")).toList();
                files.addAll(text.isEmpty() ? all : text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    public static byte[] read(Path file) {
        try {
            byte[] raw = Files.readAllBytes(file);
            int start = 0;
            if (raw.length > 5 && new String(raw, 0, 5, StandardCharsets.ISO_8859_1).equals("From ")) {
                while (start < raw.length && raw[start] != '\n') {
                    start++;
                }
                start++;
            }
            String text = new String(raw, Math.min(start, raw.length), raw.length - Math.min(start, raw.length), StandardCharsets.ISO_8859_1);
            return text.replaceAll("\r?\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
