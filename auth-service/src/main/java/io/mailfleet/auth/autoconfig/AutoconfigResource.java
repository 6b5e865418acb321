package io.mailfleet.auth.autoconfig;

import io.mailfleet.auth.directory.Addresses;
import io.mailfleet.auth.directory.DomainStore;
import io.mailfleet.auth.domaindns.ExpectedRecords;
import io.mailfleet.auth.domaindns.PublicHostsConfig;
import io.mailfleet.auth.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;

import java.util.Locale;

/**
 * Answers "what server do I fill in?" for mail clients, without authentication (the answers are what
 * DNS publishes anyway): Thunderbird autoconfig, Outlook Autodiscover and the MTA-STS policy of each
 * hosted domain.
 */
@Path("/")
public class AutoconfigResource {

    private static final String MTA_STS_PREFIX = "mta-sts.";

    private final DomainStore domains;
    private final PublicHostsConfig hosts;
    private final ExpectedRecords records;

    public AutoconfigResource(DomainStore domains, PublicHostsConfig hosts, ExpectedRecords records) {
        this.domains = domains;
        this.hosts = hosts;
        this.records = records;
    }

    @GET
    @Path("/mail/config-v1.1.xml")
    @Produces("application/xml")
    public Uni<String> thunderbird(@QueryParam("emailaddress") String address) {
        Addresses.Address parsed = Addresses.mailbox(address)
                .orElseThrow(() -> ProblemException.badRequest("emailaddress must be a mail address"));
        return hosted(parsed.domain()).map(domain -> ThunderbirdConfig.render(domain, hosts));
    }

    /** The well-known location Thunderbird tries on the autoconfig.{domain} host. */
    @GET
    @Path("/.well-known/autoconfig/mail/config-v1.1.xml")
    @Produces("application/xml")
    public Uni<String> thunderbirdWellKnown(@QueryParam("emailaddress") String address) {
        return thunderbird(address);
    }

    /** Outlook: POST of a request naming the address; answered for hosted domains only. */
    @POST
    @Path("/autodiscover/autodiscover.xml")
    @Consumes({"text/xml", "application/xml"})
    @Produces("application/xml")
    public Uni<String> outlook(String body) {
        Addresses.Address address = OutlookAutodiscover.requestedAddress(body == null ? "" : body)
                .flatMap(Addresses::mailbox)
                .orElseThrow(() -> ProblemException.badRequest("not an Autodiscover request with an EMailAddress"));
        return hosted(address.domain()).map(domain -> OutlookAutodiscover.render(address.toString(), hosts));
    }

    /** RFC 8461: fetched from https://mta-sts.{domain}/; the domain comes from the Host header. */
    @GET
    @Path("/.well-known/mta-sts.txt")
    @Produces("text/plain")
    public Uni<String> mtaSts(@Context HttpServerRequest request) {
        String host = request.authority() == null ? "" : request.authority().host().toLowerCase(Locale.ROOT);
        if (!host.startsWith(MTA_STS_PREFIX)) {
            throw ProblemException.notFound("MTA-STS policy");
        }
        return hosted(host.substring(MTA_STS_PREFIX.length())).map(domain -> records.mtaStsPolicy());
    }

    private Uni<String> hosted(String rawDomain) {
        String domain = Addresses.domain(rawDomain).orElseThrow(() -> ProblemException.notFound("domain"));
        return domains.find(domain).map(found -> found.orElseThrow(() -> ProblemException.notFound("domain")).name());
    }
}
