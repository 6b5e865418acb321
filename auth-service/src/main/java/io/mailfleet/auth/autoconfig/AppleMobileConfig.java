package io.mailfleet.auth.autoconfig;

import io.mailfleet.auth.domaindns.PublicHostsConfig;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.util.UUID;

/**
 * An Apple configuration profile (.mobileconfig, plist XML) with one com.apple.mail.managed payload:
 * IMAP over TLS and submission over TLS for one address. The password is not in it (the device asks).
 */
final class AppleMobileConfig {

    private AppleMobileConfig() {
    }

    static String render(String address, UUID accountId, PublicHostsConfig hosts) {
        String domain = address.substring(address.indexOf('@') + 1);
        String reverseDomain = "io.mailfleet." + accountId;
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeDTD("<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">");
            xml.writeStartElement("plist");
            xml.writeAttribute("version", "1.0");
            xml.writeStartElement("dict");
            key(xml, "PayloadContent");
            xml.writeStartElement("array");
            xml.writeStartElement("dict");
            string(xml, "EmailAccountDescription", address);
            string(xml, "EmailAccountType", "EmailTypeIMAP");
            string(xml, "EmailAddress", address);
            string(xml, "IncomingMailServerAuthentication", "EmailAuthPassword");
            string(xml, "IncomingMailServerHostName", hosts.imapHost());
            integer(xml, "IncomingMailServerPortNumber", hosts.imapsPort());
            bool(xml, "IncomingMailServerUseSSL", true);
            string(xml, "IncomingMailServerUsername", address);
            string(xml, "OutgoingMailServerAuthentication", "EmailAuthPassword");
            string(xml, "OutgoingMailServerHostName", hosts.smtpHost());
            integer(xml, "OutgoingMailServerPortNumber", hosts.submissionsPort());
            bool(xml, "OutgoingMailServerUseSSL", true);
            string(xml, "OutgoingMailServerUsername", address);
            string(xml, "PayloadIdentifier", reverseDomain + ".mail");
            string(xml, "PayloadType", "com.apple.mail.managed");
            string(xml, "PayloadUUID", UUID.nameUUIDFromBytes((reverseDomain + ".mail").getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
            integer(xml, "PayloadVersion", 1);
            xml.writeEndElement();
            xml.writeEndElement();
            string(xml, "PayloadDisplayName", "Mail for " + domain);
            string(xml, "PayloadIdentifier", reverseDomain);
            string(xml, "PayloadType", "Configuration");
            string(xml, "PayloadUUID", accountId.toString());
            integer(xml, "PayloadVersion", 1);
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write a configuration profile", e);
        }
        return out.toString();
    }

    private static void key(XMLStreamWriter xml, String key) throws XMLStreamException {
        xml.writeStartElement("key");
        xml.writeCharacters(key);
        xml.writeEndElement();
    }

    private static void string(XMLStreamWriter xml, String key, String value) throws XMLStreamException {
        key(xml, key);
        xml.writeStartElement("string");
        xml.writeCharacters(value);
        xml.writeEndElement();
    }

    private static void integer(XMLStreamWriter xml, String key, int value) throws XMLStreamException {
        key(xml, key);
        xml.writeStartElement("integer");
        xml.writeCharacters(String.valueOf(value));
        xml.writeEndElement();
    }

    private static void bool(XMLStreamWriter xml, String key, boolean value) throws XMLStreamException {
        key(xml, key);
        xml.writeEmptyElement(value ? "true" : "false");
    }
}
