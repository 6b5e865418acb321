package io.mailfleet.auth.autoconfig;

import io.mailfleet.auth.domaindns.PublicHostsConfig;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Optional;

/**
 * Outlook's POX Autodiscover (request schema 2006, response schema 2006a) for IMAP + SMTP accounts.
 * The request is read with DTDs and external entities off: it comes from anybody on the internet.
 */
final class OutlookAutodiscover {

    private static final String RESPONSE_NS = "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006";
    private static final String OUTLOOK_NS = "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a";

    private OutlookAutodiscover() {
    }

    /** The EMailAddress of the request, or empty when the body is not such a request. */
    static Optional<String> requestedAddress(String body) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try {
            XMLStreamReader xml = factory.createXMLStreamReader(new StringReader(body));
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("EMailAddress")) {
                    return Optional.of(xml.getElementText().trim());
                }
            }
        } catch (XMLStreamException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    static String render(String address, PublicHostsConfig hosts) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("Autodiscover");
            xml.writeDefaultNamespace(RESPONSE_NS);
            xml.writeStartElement("Response");
            xml.writeDefaultNamespace(OUTLOOK_NS);
            xml.writeStartElement("Account");
            element(xml, "AccountType", "email");
            element(xml, "Action", "settings");
            protocol(xml, "IMAP", hosts.imapHost(), hosts.imapsPort(), address);
            protocol(xml, "SMTP", hosts.smtpHost(), hosts.submissionsPort(), address);
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write Autodiscover XML", e);
        }
        return out.toString();
    }

    private static void protocol(XMLStreamWriter xml, String type, String host, int port, String address) throws XMLStreamException {
        xml.writeStartElement("Protocol");
        element(xml, "Type", type);
        element(xml, "Server", host);
        element(xml, "Port", String.valueOf(port));
        element(xml, "DomainRequired", "off");
        element(xml, "LoginName", address);
        element(xml, "SPA", "off");
        element(xml, "SSL", "on");
        element(xml, "AuthRequired", "on");
        xml.writeEndElement();
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }
}
