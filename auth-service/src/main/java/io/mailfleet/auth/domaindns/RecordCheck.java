package io.mailfleet.auth.domaindns;

import java.util.List;

/** What DNS says about one expected record. */
public record RecordCheck(String type, String name, String expected, List<String> found, Status status) {

    public enum Status {
        /** published as expected */
        OK,
        /** nothing of this kind at that name */
        MISSING,
        /** something of this kind is there, but not the expected value */
        WRONG
    }
}
