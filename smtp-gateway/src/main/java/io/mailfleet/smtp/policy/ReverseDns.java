package io.mailfleet.smtp.policy;

import io.mailfleet.smtp.SmtpConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Forward-confirmed reverse DNS (FCrDNS) of a client: a PTR name of its IP whose A/AAAA records lead
 * back to the same IP. Unconfirmed names are never used; they are free for anyone who controls a
 * reverse zone to set. Asynchronous through the platform resolver, bounded by a timeout.
 */
@ApplicationScoped
public class ReverseDns {

    /** A forged PTR set could fan out into many forward queries; a few names are plenty. */
    private static final int MAX_NAMES = 3;

    private final Resolver resolver;
    private final SmtpConfig.Policy config;

    public ReverseDns(Resolver resolver, SmtpConfig smtp) {
        this.resolver = resolver;
        this.config = smtp.policy();
    }

    /** The confirmed host name (without trailing dot), or empty: no PTR, not confirmed, or no answer in time. */
    public Uni<Optional<String>> confirmedName(String ip) {
        InetAddress address;
        try {
            address = InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            return Uni.createFrom().item(Optional.empty());
        }
        int forwardType = address instanceof Inet4Address ? Type.A : Type.AAAA;
        return query(ReverseMap.fromAddress(address), Type.PTR)
                .flatMap(answer -> {
                    List<Name> names = answer.getSection(Section.ANSWER).stream()
                            .filter(PTRRecord.class::isInstance).map(record -> ((PTRRecord) record).getTarget())
                            .limit(MAX_NAMES).toList();
                    if (names.isEmpty()) {
                        return Uni.createFrom().item(Optional.<String>empty());
                    }
                    return Uni.join().all(names.stream().map(name -> confirms(name, forwardType, address)).toList())
                            .andCollectFailures()
                            .map(confirmed -> confirmed.stream().flatMap(Optional::stream).findFirst());
                })
                .ifNoItem().after(config.reverseDnsTimeout()).recoverWithItem(Optional.empty())
                .onFailure().recoverWithItem(Optional.empty());
    }

    private Uni<Optional<String>> confirms(Name name, int type, InetAddress address) {
        return query(name, type).map(answer -> answer.getSection(Section.ANSWER).stream()
                .map(ReverseDns::addressOf)
                .anyMatch(address::equals) ? Optional.of(name.toString(true)) : Optional.<String>empty());
    }

    private static InetAddress addressOf(Record record) {
        if (record instanceof ARecord a) {
            return a.getAddress();
        }
        return record instanceof AAAARecord aaaa ? aaaa.getAddress() : null;
    }

    private Uni<Message> query(Name name, int type) {
        Message question = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        return Uni.createFrom().completionStage(() -> resolver.sendAsync(question))
                .map(answer -> answer.getRcode() == Rcode.NOERROR ? answer : new Message());
    }
}
