package io.mailfleet.auth.domaindns;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Asks DNS (the servers of {@code MAILFLEET_DNS_SERVERS}, through libs/dns) whether each expected record
 * is published. TXT records are matched by their tag ({@code v=spf1}, {@code v=DMARC1} …), because a
 * domain name legitimately carries several TXT records for different purposes.
 */
@ApplicationScoped
public class DnsVerifier {

    private final Resolver resolver;

    public DnsVerifier(Resolver resolver) {
        this.resolver = resolver;
    }

    public Uni<List<RecordCheck>> verify(List<DnsRecord> expected) {
        return Uni.join().all(expected.stream().map(this::check).toList()).andFailFast();
    }

    private Uni<RecordCheck> check(DnsRecord record) {
        int type = Type.value(record.type());
        Message query;
        try {
            query = Message.newQuery(Record.newRecord(Name.fromString(ExpectedRecords.fqdn(record.name())), type, DClass.IN));
        } catch (TextParseException e) {
            return Uni.createFrom().item(new RecordCheck(record.type(), record.name(), record.value(), List.of(), RecordCheck.Status.MISSING));
        }
        return Uni.createFrom().completionStage(() -> resolver.sendAsync(query))
                .map(answer -> judge(record, answer.getRcode() == Rcode.NOERROR ? values(answer, type) : List.of()))
                // an unreachable DNS server proves nothing is published: report it as missing rather than fail the request
                .onFailure().recoverWithItem(() -> judge(record, List.of()));
    }

    private static List<String> values(Message answer, int type) {
        List<String> values = new ArrayList<>();
        for (Record found : answer.getSection(Section.ANSWER)) {
            if (found.getType() != type) {
                continue;
            }
            values.add(found instanceof TXTRecord txt ? String.join("", txt.getStrings()) : found.rdataToString());
        }
        return values;
    }

    static RecordCheck judge(DnsRecord record, List<String> found) {
        List<String> relevant = found;
        if (record.type().equals("TXT")) {
            String tag = tag(record.value());
            relevant = found.stream().filter(value -> tag(value).equalsIgnoreCase(tag)).toList();
        }
        RecordCheck.Status status;
        if (relevant.isEmpty()) {
            status = RecordCheck.Status.MISSING;
        } else if (relevant.stream().anyMatch(value -> normalise(value).equals(normalise(record.value())))) {
            status = RecordCheck.Status.OK;
        } else {
            status = RecordCheck.Status.WRONG;
        }
        return new RecordCheck(record.type(), record.name(), record.value(), relevant, status);
    }

    /** "v=spf1 mx -all" → "v=spf1"; "v=DMARC1; p=…" → "v=dmarc1". */
    private static String tag(String txt) {
        String first = txt.trim().split("[;\\s]", 2)[0];
        return first.toLowerCase(Locale.ROOT);
    }

    /** Host names are case-insensitive and spacing around ';' in tag lists does not matter. */
    private static String normalise(String value) {
        return value.trim().replaceAll("\\s*;\\s*", "; ").replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
