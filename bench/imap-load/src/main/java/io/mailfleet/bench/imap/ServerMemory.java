package io.mailfleet.bench.imap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The memory of a server process on this machine: resident set size from {@code /proc/<pid>/status},
 * and for a JVM the heap in use after a full GC, through {@code jcmd} ({@code GC.run}, then
 * {@code GC.heap_info}). Without jcmd, or for another kind of process, the heap figure is -1.
 */
final class ServerMemory {

    record Sample(long rssKiB, long heapUsedKiB) {
    }

    private static final Pattern VM_RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");
    /** The generation or region lines of GC.heap_info ("def new generation total …, used 123K", "garbage-first heap …"), not Metaspace. */
    private static final Pattern HEAP_USED = Pattern.compile("^ (?!Metaspace)\\S.*?(?:generation|heap)\\s+total \\d+K, used (\\d+)K", Pattern.MULTILINE);

    private final long pid;

    ServerMemory(long pid) {
        this.pid = pid;
    }

    Sample sample() throws IOException {
        jcmd("GC.run");
        String heapInfo = jcmd("GC.heap_info");
        Matcher heap = HEAP_USED.matcher(heapInfo);
        long heapUsed = -1;
        while (heap.find()) {
            heapUsed = Math.max(0, heapUsed) + Long.parseLong(heap.group(1));
        }
        Matcher rss = VM_RSS.matcher(Files.readString(Path.of("/proc", String.valueOf(pid), "status"), StandardCharsets.US_ASCII));
        if (!rss.find()) {
            throw new IOException("no VmRSS for process " + pid);
        }
        return new Sample(Long.parseLong(rss.group(1)), heapUsed);
    }

    /** The output of {@code jcmd <pid> <command>}, empty when jcmd is missing or fails. */
    private String jcmd(String command) {
        try {
            Process process = new ProcessBuilder("jcmd", String.valueOf(pid), command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return "";
            }
            return new String(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
