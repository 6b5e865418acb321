package io.mailfleet.spam.verdict;

import io.mailfleet.events.Verdict;
import io.mailfleet.spam.message.MessageContent;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Attachments that run code when opened: executables and scripts (by name or by their magic number, whatever the name says),
 * names with a document extension in front of an executable one, and office documents carrying VBA macros.
 */
@ApplicationScoped
public class AttachmentCheck implements ContentCheck {

    static final Set<String> EXECUTABLE = Set.of("exe", "scr", "com", "pif", "bat", "cmd", "cpl", "msi", "msp", "vbs", "vbe",
            "js", "jse", "wsf", "wsh", "hta", "ps1", "psm1", "jar", "lnk", "reg", "dll", "application", "gadget", "iso", "img",
            "vhd", "vhdx", "appx", "msix", "sct", "chm", "inf", "scf", "url");
    static final Set<String> DOCUMENT = Set.of("pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "txt", "rtf", "jpg", "jpeg",
            "png", "gif", "zip", "rar", "html", "htm", "csv", "odt", "ods");
    static final Set<String> MACRO_EXTENSIONS = Set.of("docm", "dotm", "xlsm", "xltm", "xlam", "pptm", "potm", "ppam", "ppsm", "sldm");
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
    private static final byte[] VBA_PROJECT = "_\0V\0B\0A\0_\0P\0R\0O\0J\0E\0C\0T".getBytes(StandardCharsets.ISO_8859_1);

    private final SymbolScores scores;

    public AttachmentCheck(SymbolScores scores) {
        this.scores = scores;
    }

    @Override
    public List<Verdict.Symbol> evaluate(ScanContext context) {
        List<Verdict.Symbol> symbols = new ArrayList<>();
        for (MessageContent.Attachment attachment : context.content().attachments()) {
            String name = attachment.filename() == null ? "" : attachment.filename().toLowerCase(Locale.ROOT).strip();
            String label = attachment.filename() == null ? attachment.mimeType() : attachment.filename();
            String[] parts = name.split("\\.");
            String last = parts.length > 1 ? parts[parts.length - 1] : "";
            String previous = parts.length > 2 ? parts[parts.length - 2] : "";
            if (EXECUTABLE.contains(last) || startsWith(attachment.head(), new byte[] {'M', 'Z'})
                    || startsWith(attachment.head(), new byte[] {0x7f, 'E', 'L', 'F'})) {
                symbols.add(scores.symbol("DANGEROUS_ATTACHMENT", 6.0, label));
            }
            if (EXECUTABLE.contains(last) && DOCUMENT.contains(previous)) {
                symbols.add(scores.symbol("DOUBLE_EXTENSION", 4.0, label));
            }
            if (MACRO_EXTENSIONS.contains(last) || hasMacros(attachment.head())) {
                symbols.add(scores.symbol("MACRO_DOCUMENT", 4.0, label));
            }
        }
        return symbols.stream().distinct().toList();
    }

    /** OOXML: a zip holding vbaProject.bin; legacy OLE2 (.doc/.xls): a _VBA_PROJECT stream name in the directory. */
    static boolean hasMacros(byte[] data) {
        if (startsWith(data, new byte[] {'P', 'K', 3, 4})) {
            try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(data))) {
                for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                    if (entry.getName().toLowerCase(Locale.ROOT).endsWith("vbaproject.bin")) {
                        return true;
                    }
                }
            } catch (IOException truncatedOrBroken) {
                return false;
            }
            return false;
        }
        return startsWith(data, OLE2) && indexOf(data, VBA_PROJECT) >= 0;
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i <= data.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
