package io.mailfleet.spam.dns;

import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

import java.util.List;

/** A definite DNS answer: records of the asked type (possibly none), and whether the name does not exist at all. */
public record DnsAnswer(Name name, boolean nxdomain, List<Record> records) {

    static DnsAnswer nxdomain(Name name) {
        return new DnsAnswer(name, true, List.of());
    }

    /** RFC 7208 §4.6.4: NXDOMAIN or an empty NOERROR answer. */
    public boolean isVoid() {
        return records.isEmpty();
    }

    @SuppressWarnings("unchecked")
    public <T extends Record> List<T> recordsOf(Class<T> type) {
        return (List<T>) records.stream().filter(type::isInstance).toList();
    }
}
