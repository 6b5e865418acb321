package io.mailfleet.auth.autoconfig;

import io.mailfleet.auth.domaindns.PublicHostsConfig;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;

/**
 * Thunderbird's autoconfig document (config-v1.1.xml): IMAP and POP3 over implicit TLS, submission over
 * implicit TLS and STARTTLS, the full address as username. Written with StAX so every value is escaped.
 */
final class ThunderbirdConfig {

    private ThunderbirdConfig() {
    }

    static String render(String domain, PublicHostsConfig hosts) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("clientConfig");
            xml.writeAttribute("version", "1.1");
            xml.writeStartElement("emailProvider");
            xml.writeAttribute("id", domain);
            element(xml, "domain", domain);
            element(xml, "displayName", "Mail for " + domain);
            element(xml, "displayShortName", domain);
            server(xml, "incomingServer", "imap", hosts.imapHost(), hosts.imapsPort(), "SSL");
            server(xml, "incomingServer", "pop3", hosts.imapHost(), hosts.pop3sPort(), "SSL");
            server(xml, "outgoingServer", "smtp", hosts.smtpHost(), hosts.submissionsPort(), "SSL");
            server(xml, "outgoingServer", "smtp", hosts.smtpHost(), hosts.submissionPort(), "STARTTLS");
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write autoconfig XML", e);
        }
        return out.toString();
    }

    private static void server(XMLStreamWriter xml, String kind, String type, String host, int port, String socketType)
            throws XMLStreamException {
        xml.writeStartElement(kind);
        xml.writeAttribute("type", type);
        element(xml, "hostname", host);
        element(xml, "port", String.valueOf(port));
        element(xml, "socketType", socketType);
        // Thunderbird substitutes the address the user typed
        element(xml, "username", "%EMAILADDRESS%");
        element(xml, "authentication", "password-cleartext");
        xml.writeEndElement();
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }
}
