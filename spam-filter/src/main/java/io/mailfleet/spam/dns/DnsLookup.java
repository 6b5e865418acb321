package io.mailfleet.spam.dns;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;

import java.util.ArrayList;
import java.util.List;

/**
 * Asynchronous DNS queries through the platform resolver (libs/dns, {@code MAILFLEET_DNS_SERVERS}). Every check that needs DNS
 * goes through here, so none of them ever blocks the thread that runs it: {@link Resolver#sendAsync} completes on dnsjava's
 * I/O thread.
 */
@ApplicationScoped
public class DnsLookup {

    private final Resolver resolver;

    public DnsLookup(Resolver resolver) {
        this.resolver = resolver;
    }

    /**
     * Records of {@code type} for {@code name}, following a CNAME chain the server put in the answer. NXDOMAIN and NODATA are
     * answers (empty); a timeout, SERVFAIL or any other rcode fails the Uni with {@link DnsTemporaryException}.
     */
    public Uni<DnsAnswer> query(Name name, int type) {
        Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        return Uni.createFrom().completionStage(() -> resolver.sendAsync(query))
                .onFailure().transform(failure -> failure instanceof DnsTemporaryException ? failure
                        : new DnsTemporaryException("DNS query " + name + "/" + org.xbill.DNS.Type.string(type) + " failed: " + failure, failure))
                .map(response -> answer(name, type, response));
    }

    private static DnsAnswer answer(Name name, int type, Message response) {
        int rcode = response.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return DnsAnswer.nxdomain(name);
        }
        if (rcode != Rcode.NOERROR) {
            throw new DnsTemporaryException("DNS query " + name + "/" + org.xbill.DNS.Type.string(type) + " answered " + Rcode.string(rcode));
        }
        if (response.getHeader().getFlag(Flags.TC)) {
            throw new DnsTemporaryException("DNS answer for " + name + " was truncated");
        }
        Name current = name;
        List<Record> matching = new ArrayList<>();
        List<Record> answers = response.getSection(Section.ANSWER);
        // a CNAME chain arrives in order; follow it so the records returned belong to the name actually asked for
        for (int hops = 0; hops <= answers.size(); hops++) {
            Name owner = current;
            List<Record> direct = answers.stream().filter(r -> r.getName().equals(owner) && r.getType() == type).toList();
            if (!direct.isEmpty()) {
                matching.addAll(direct);
                break;
            }
            var alias = answers.stream().filter(r -> r.getName().equals(owner) && r.getType() == org.xbill.DNS.Type.CNAME).findFirst();
            if (alias.isEmpty()) {
                break;
            }
            current = ((org.xbill.DNS.CNAMERecord) alias.get()).getTarget();
        }
        return new DnsAnswer(name, false, List.copyOf(matching));
    }
}
