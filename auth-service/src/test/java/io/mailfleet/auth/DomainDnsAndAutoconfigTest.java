package io.mailfleet.auth;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** DNS records to publish, their verification against a real loopback DNS server, and client autoconfiguration. */
@QuarkusTest
@QuarkusTestResource(LoopbackDnsServer.class)
class DomainDnsAndAutoconfigTest {

    @Test
    void recordsToPublishAreComputedAndVerifiedAgainstDns() throws Exception {
        String domain = Fixtures.uniqueDomain();
        var tenant = Fixtures.tenant(domain);
        String base = "/api/v1/tenants/" + tenant.id() + "/domains/" + domain;

        var records = Fixtures.operator().get(base + "/dns-records").then().statusCode(200).extract().jsonPath();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < records.getList("$").size(); i++) {
            lines.add(records.getString("[" + i + "].type") + " " + records.getString("[" + i + "].name") + " " + records.getString("[" + i + "].value"));
        }
        assertEquals(true, lines.contains("MX " + domain + " 10 mx.mailfleet.test."), lines.toString());
        assertEquals(true, lines.contains("TXT " + domain + " v=spf1 mx -all"), lines.toString());
        assertEquals(true, lines.contains("SRV _submission._tcp." + domain + " 0 1 587 mail.mailfleet.test."), lines.toString());
        assertEquals(true, lines.contains("SRV _imaps._tcp." + domain + " 0 1 993 mail.mailfleet.test."), lines.toString());
        assertEquals(true, lines.stream().anyMatch(line -> line.startsWith("TXT _dmarc." + domain + " v=DMARC1; p=quarantine")), lines.toString());
        assertEquals(true, lines.stream().anyMatch(line -> line.startsWith("TXT _mta-sts." + domain + " v=STSv1; id=")), lines.toString());

        Name zone = Name.fromString(domain + ".");
        LoopbackDnsServer.publish(new MXRecord(zone, DClass.IN, 300, 10, Name.fromString("MX.mailfleet.test.")));
        LoopbackDnsServer.publish(new TXTRecord(zone, DClass.IN, 300, "google-site-verification=abc"));
        LoopbackDnsServer.publish(new TXTRecord(zone, DClass.IN, 300, "v=spf1 -all"));
        LoopbackDnsServer.publish(new TXTRecord(Name.fromString("_dmarc." + domain + "."), DClass.IN, 300,
                "v=DMARC1;p=quarantine; rua=mailto:dmarc-reports@" + domain));

        var checks = Fixtures.operator().post(base + "/verify").then().statusCode(200).extract().jsonPath();
        assertEquals("OK", status(checks, "MX", domain));
        assertEquals("WRONG", status(checks, "TXT", domain));
        assertEquals(List.of("v=spf1 -all"), checks.getList("find { it.type == 'TXT' && it.name == '" + domain + "' }.found"));
        assertEquals("OK", status(checks, "TXT", "_dmarc." + domain));
        assertEquals("MISSING", status(checks, "TXT", "_mta-sts." + domain));
        assertEquals("MISSING", status(checks, "SRV", "_imaps._tcp." + domain));
    }

    private static String status(io.restassured.path.json.JsonPath checks, String type, String name) {
        return checks.getString("find { it.type == '" + type + "' && it.name == '" + name + "' }.status");
    }

    @Test
    void thunderbirdAutoconfigNamesTheServersAndPorts() throws Exception {
        String domain = Fixtures.uniqueDomain();
        Fixtures.tenant(domain);

        for (String path : List.of("/mail/config-v1.1.xml", "/.well-known/autoconfig/mail/config-v1.1.xml")) {
            String xml = given().queryParam("emailaddress", "alice@" + domain).get(path)
                    .then().statusCode(200).contentType(containsString("xml")).extract().asString();
            Document document = parse(xml);
            Element provider = (Element) document.getElementsByTagName("emailProvider").item(0);
            assertEquals(domain, provider.getAttribute("id"));
            List<String> servers = new ArrayList<>();
            for (String kind : List.of("incomingServer", "outgoingServer")) {
                var nodes = document.getElementsByTagName(kind);
                for (int i = 0; i < nodes.getLength(); i++) {
                    Element server = (Element) nodes.item(i);
                    servers.add(server.getAttribute("type") + " " + text(server, "hostname") + ":" + text(server, "port")
                            + " " + text(server, "socketType") + " " + text(server, "username"));
                }
            }
            assertEquals(List.of("imap mail.mailfleet.test:993 SSL %EMAILADDRESS%", "pop3 mail.mailfleet.test:995 SSL %EMAILADDRESS%",
                    "smtp mail.mailfleet.test:465 SSL %EMAILADDRESS%", "smtp mail.mailfleet.test:587 STARTTLS %EMAILADDRESS%"), servers);
        }
        given().queryParam("emailaddress", "bob@not-hosted.example").get("/mail/config-v1.1.xml").then().statusCode(404);
        given().queryParam("emailaddress", "not an address").get("/mail/config-v1.1.xml").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void outlookAutodiscoverAnswersForHostedDomainsAndIgnoresEntities() throws Exception {
        String domain = Fixtures.uniqueDomain();
        Fixtures.tenant(domain);
        String request = "<?xml version=\"1.0\" encoding=\"utf-8\"?><Autodiscover xmlns=\"http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006\">"
                + "<Request><EMailAddress>Carol@" + domain + "</EMailAddress><AcceptableResponseSchema>"
                + "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a</AcceptableResponseSchema></Request></Autodiscover>";
        String xml = given().contentType("text/xml").body(request).post("/autodiscover/autodiscover.xml")
                .then().statusCode(200).extract().asString();
        Document document = parse(xml);
        var protocols = document.getElementsByTagName("Protocol");
        List<String> found = new ArrayList<>();
        for (int i = 0; i < protocols.getLength(); i++) {
            Element protocol = (Element) protocols.item(i);
            found.add(text(protocol, "Type") + " " + text(protocol, "Server") + ":" + text(protocol, "Port") + " ssl=" + text(protocol, "SSL")
                    + " " + text(protocol, "LoginName"));
        }
        assertEquals(List.of("IMAP mail.mailfleet.test:993 ssl=on carol@" + domain, "SMTP mail.mailfleet.test:465 ssl=on carol@" + domain), found);

        String entity = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<Autodiscover><Request><EMailAddress>&e;</EMailAddress></Request></Autodiscover>";
        given().contentType("text/xml").body(entity).post("/autodiscover/autodiscover.xml").then().statusCode(400)
                .body(org.hamcrest.Matchers.not(containsString("root:")));
        given().contentType("text/xml").body(request.replace(domain, "not-hosted.example")).post("/autodiscover/autodiscover.xml")
                .then().statusCode(404);
    }

    @Test
    void appleProfileConfiguresImapAndSubmissionOverTls() throws Exception {
        String domain = Fixtures.uniqueDomain();
        var tenant = Fixtures.tenant(domain);
        String profile = Fixtures.operator().get("/api/v1/accounts/" + tenant.adminAccountId() + "/mobileconfig")
                .then().statusCode(200).contentType("application/x-apple-aspen-config").extract().asString();
        Document plist = parse(profile.replaceFirst("<!DOCTYPE[^>]*>", ""));
        var keys = plist.getElementsByTagName("key");
        java.util.Map<String, String> values = new java.util.HashMap<>();
        for (int i = 0; i < keys.getLength(); i++) {
            var value = keys.item(i).getNextSibling();
            values.putIfAbsent(keys.item(i).getTextContent(), value.getNodeName().equals("string") || value.getNodeName().equals("integer")
                    ? value.getTextContent() : value.getNodeName());
        }
        // document order: the mail payload's keys come before the profile's own
        assertEquals("com.apple.mail.managed", values.get("PayloadType"));
        assertEquals("admin@" + domain, values.get("EmailAddress"));
        assertEquals("mail.mailfleet.test", values.get("IncomingMailServerHostName"));
        assertEquals("993", values.get("IncomingMailServerPortNumber"));
        assertEquals("true", values.get("IncomingMailServerUseSSL"));
        assertEquals("465", values.get("OutgoingMailServerPortNumber"));
        assertEquals("true", values.get("OutgoingMailServerUseSSL"));
        given().get("/api/v1/accounts/" + tenant.adminAccountId() + "/mobileconfig").then().statusCode(401);
    }

    @Test
    void mtaStsPolicyIsServedPerHostedDomain() {
        String domain = Fixtures.uniqueDomain();
        Fixtures.tenant(domain);
        given().header("Host", "mta-sts." + domain).get("/.well-known/mta-sts.txt").then().statusCode(200)
                .body(containsString("version: STSv1\r\n")).body(containsString("mode: enforce\r\n"))
                .body(containsString("mx: mx.mailfleet.test\r\n")).body(containsString("max_age: 604800\r\n"));
        given().header("Host", "mta-sts.not-hosted.example").get("/.well-known/mta-sts.txt").then().statusCode(404);
        given().header("Host", domain).get("/.well-known/mta-sts.txt").then().statusCode(404);
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(Element parent, String tag) {
        return parent.getElementsByTagName(tag).item(0).getTextContent();
    }
}
