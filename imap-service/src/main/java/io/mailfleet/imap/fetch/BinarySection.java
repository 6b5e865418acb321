package io.mailfleet.imap.fetch;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A {@code BINARY[part]<partial>}, {@code BINARY.PEEK[…]} or {@code BINARY.SIZE[part]} item (RFC 3516): the
 * part's content with its transfer encoding undone, or just its decoded size.
 *
 * @param partialStart -1 without a partial range
 */
public record BinarySection(List<Integer> path, boolean sizeOnly, boolean peek, long partialStart, long partialLength) {

    /** {@code BINARY[1.2]<0>} or {@code BINARY.SIZE[1.2]} (PEEK is never echoed). */
    public String responseName() {
        String part = path.stream().map(String::valueOf).collect(Collectors.joining("."));
        if (sizeOnly) {
            return "BINARY.SIZE[" + part + "]";
        }
        return "BINARY[" + part + "]" + (partialStart >= 0 ? "<" + partialStart + ">" : "");
    }
}
