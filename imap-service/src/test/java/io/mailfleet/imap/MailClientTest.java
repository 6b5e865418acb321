package io.mailfleet.imap;

import io.mailfleet.imap.support.DirectoryServerResource;
import io.mailfleet.testing.KafkaResource;
import io.mailfleet.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.search.SubjectTerm;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.junit.jupiter.api.Test;

import java.util.Date;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** Angus Mail's IMAP and POP3 stores, as a real mail client library, against the listeners over real sockets. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(DirectoryServerResource.class)
class MailClientTest {

    @Inject
    MailAccessListeners listeners;

    private Session session(String protocol, int port) {
        Properties properties = new Properties();
        properties.put("mail." + protocol + ".host", "127.0.0.1");
        properties.put("mail." + protocol + ".port", String.valueOf(port));
        properties.put("mail." + protocol + ".ssl.trust", "*");
        // the generated certificate names the configured hostname (localhost), the tests dial 127.0.0.1
        properties.put("mail." + protocol + ".ssl.checkserveridentity", "false");
        properties.put("mail." + protocol + ".connectiontimeout", "10000");
        properties.put("mail." + protocol + ".timeout", "10000");
        if (protocol.equals("imap") || protocol.equals("pop3")) {
            properties.put("mail." + protocol + ".starttls.enable", "true");
            properties.put("mail." + protocol + ".starttls.required", "true");
        }
        Session session = Session.getInstance(properties);
        session.setDebug(Boolean.getBoolean("mail.debug"));
        return session;
    }

    private MimeMessage message(Session session, String subject, String text) throws Exception {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("carol@example.net", "Carol"));
        message.setRecipients(Message.RecipientType.TO, "dave@example.org");
        message.setSubject(subject, "UTF-8");
        message.setSentDate(new Date());
        MimeMultipart multipart = new MimeMultipart("alternative");
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text, "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>" + text + "</p>", "text/html; charset=UTF-8");
        multipart.addBodyPart(plain);
        multipart.addBodyPart(html);
        message.setContent(multipart);
        message.saveChanges();
        return message;
    }

    @Test
    void imapClientOverStartTlsAndImaps() throws Exception {
        DirectoryServerResource.Account account = DirectoryServerResource.newAccount("angus");
        Session session = session("imap", listeners.boundPort("imap"));
        try (Store store = session.getStore("imap")) {
            store.connect(account.username(), account.password());
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            assertThat(inbox.getMessageCount()).isZero();
            inbox.appendUIDMessages(new Message[] {message(session, "Grüße aus Köln", "Hallo Dave"),
                    message(session, "Second", "Another message")});
            assertThat(inbox.getMessageCount()).isEqualTo(2);
            Message first = inbox.getMessage(1);
            assertThat(first.getSubject()).isEqualTo("Grüße aus Köln");
            assertThat(((InternetAddress) first.getFrom()[0]).getPersonal()).isEqualTo("Carol");
            Multipart content = (Multipart) first.getContent();
            assertThat(content.getCount()).isEqualTo(2);
            assertThat(content.getBodyPart(0).getContent().toString().trim()).isEqualTo("Hallo Dave");
            assertThat(first.isSet(Flags.Flag.SEEN)).isTrue();
            assertThat(inbox.search(new SubjectTerm("Second"))).hasSize(1);

            Folder archive = store.getFolder("Archive");
            Message second = inbox.getMessage(2);
            inbox.moveMessages(new Message[] {second}, archive);
            assertThat(second.isExpunged()).isTrue();
            Folder reports = store.getFolder("Reports/2026");
            assertThat(reports.create(Folder.HOLDS_MESSAGES)).isTrue();
            inbox.copyMessages(new Message[] {inbox.getMessage(1)}, reports);
            first.setFlag(Flags.Flag.DELETED, true);
            inbox.close(true);
            assertThat(store.getFolder("Reports").list()).extracting(Folder::getFullName).contains("Reports/2026");
        }
        try (Store store = session("imaps", listeners.boundPort("imaps")).getStore("imaps")) {
            store.connect(account.username(), account.password());
            assertThat(((IMAPStore) store).hasCapability("IMAP4rev2")).isTrue();
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isZero();
            Folder archive = store.getFolder("Archive");
            archive.open(Folder.READ_ONLY);
            assertThat(archive.getMessage(1).getSubject()).isEqualTo("Second");
            Folder reports = store.getFolder("Reports/2026");
            reports.open(Folder.READ_WRITE);
            assertThat(reports.getMessage(1).getSubject()).isEqualTo("Grüße aus Köln");
            reports.close(false);
            assertThat(reports.delete(false)).isTrue();
            assertThat(store.getFolder("Reports/2026").exists()).isFalse();
        }
    }

    @Test
    void pop3ClientOverStlsAndPop3s() throws Exception {
        DirectoryServerResource.Account account = DirectoryServerResource.newAccount("pop");
        Session imap = session("imaps", listeners.boundPort("imaps"));
        try (Store store = imap.getStore("imaps")) {
            store.connect(account.username(), account.password());
            Folder inbox = store.getFolder("INBOX");
            inbox.appendMessages(new Message[] {message(imap, "One", "first"), message(imap, "Two", "second"),
                    message(imap, "Three", "third")});
        }
        Session pop3 = session("pop3", listeners.boundPort("pop3"));
        String firstUid;
        try (Store store = pop3.getStore("pop3")) {
            store.connect(account.username(), account.password());
            POP3Folder inbox = (POP3Folder) store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            assertThat(inbox.getMessageCount()).isEqualTo(3);
            Message one = inbox.getMessage(1);
            firstUid = inbox.getUID(one);
            assertThat(one.getSubject()).isEqualTo("One");
            assertThat(((Multipart) inbox.getMessage(2).getContent()).getBodyPart(0).getContent().toString().trim()).isEqualTo("second");
            one.setFlag(Flags.Flag.DELETED, true);
            inbox.close(true);
        }
        try (Store store = session("pop3s", listeners.boundPort("pop3s")).getStore("pop3s")) {
            store.connect(account.username(), account.password());
            POP3Folder inbox = (POP3Folder) store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isEqualTo(2);
            assertThat(inbox.getUID(inbox.getMessage(1))).isNotEqualTo(firstUid);
            assertThat(inbox.getMessage(1).getSubject()).isEqualTo("Two");
            inbox.close(false);
        }
    }
}
