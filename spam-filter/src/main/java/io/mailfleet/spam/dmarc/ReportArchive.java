package io.mailfleet.spam.dmarc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The XML inside a report attachment: gzip, zip (its first file) or plain XML, told apart by their magic bytes because
 * reporters label them inconsistently. Every read is cut at a byte budget, whatever sizes the archive declares, so a
 * decompression bomb costs at most that budget of memory.
 */
final class ReportArchive {

    private ReportArchive() {
    }

    static byte[] xml(InputStream attachment, int maxBytes) throws MalformedReportException {
        try {
            byte[] raw = readBounded(attachment, maxBytes, "attachment");
            if (raw.length >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b) {
                try (GZIPInputStream gzip = new GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
                    return readBounded(gzip, maxBytes, "gzip content");
                }
            }
            if (raw.length >= 4 && raw[0] == 'P' && raw[1] == 'K' && raw[2] == 3 && raw[3] == 4) {
                try (ZipInputStream zip = new ZipInputStream(new java.io.ByteArrayInputStream(raw))) {
                    for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                        if (!entry.isDirectory()) {
                            return readBounded(zip, maxBytes, "zip entry " + entry.getName());
                        }
                    }
                    throw new MalformedReportException("zip archive without a file");
                }
            }
            return raw;
        } catch (IOException e) {
            throw new MalformedReportException("unreadable archive: " + e.getMessage(), e);
        }
    }

    private static byte[] readBounded(InputStream in, int maxBytes, String what) throws IOException, MalformedReportException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) != -1) {
            if (out.size() + n > maxBytes) {
                throw new MalformedReportException(what + " exceeds " + maxBytes + " bytes");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
