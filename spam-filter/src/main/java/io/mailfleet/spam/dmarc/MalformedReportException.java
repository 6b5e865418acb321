package io.mailfleet.spam.dmarc;

/** An attachment that is not a readable aggregate report: bad XML, a DTD, too big, too many records, missing fields. */
public class MalformedReportException extends Exception {

    public MalformedReportException(String message) {
        super(message);
    }

    public MalformedReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
