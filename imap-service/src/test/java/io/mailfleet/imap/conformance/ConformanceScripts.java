package io.mailfleet.imap.conformance;

import java.util.Map;
import java.util.TreeMap;

/**
 * James's IMAP scripts (apache-james-mpt-imapmailbox-core 3.8.1), the session state each starts in
 * (as James's suites start them), and those left out with the reason (docs/conformance.md).
 */
final class ConformanceScripts {

    enum State { NOT_AUTHENTICATED, AUTHENTICATED, SELECTED }

    static final Map<String, State> ALL = new TreeMap<>(Map.ofEntries(
            Map.entry("ACLCommandsOnOtherUser", State.NOT_AUTHENTICATED),
            Map.entry("ACLCommandsOnOwner", State.NOT_AUTHENTICATED),
            Map.entry("Append", State.AUTHENTICATED),
            Map.entry("AppendExamineInbox", State.AUTHENTICATED),
            Map.entry("AppendExpunge", State.AUTHENTICATED),
            Map.entry("AppendSelectInbox", State.AUTHENTICATED),
            Map.entry("AppendToSelected", State.AUTHENTICATED),
            Map.entry("Authenticate", State.NOT_AUTHENTICATED),
            Map.entry("AuthenticatePlain", State.NOT_AUTHENTICATED),
            Map.entry("BadTag", State.NOT_AUTHENTICATED),
            Map.entry("BodyPartialFetch", State.AUTHENTICATED),
            Map.entry("BogusCommand", State.NOT_AUTHENTICATED),
            Map.entry("Capability", State.NOT_AUTHENTICATED),
            Map.entry("Check", State.SELECTED),
            Map.entry("ComplexMail", State.AUTHENTICATED),
            Map.entry("ConcurrentAppendUIDToMSNMapping", State.AUTHENTICATED),
            Map.entry("ConcurrentCrossExpunge", State.AUTHENTICATED),
            Map.entry("ConcurrentDeleteSelected", State.AUTHENTICATED),
            Map.entry("ConcurrentExistsResponse", State.AUTHENTICATED),
            Map.entry("ConcurrentExpungeResponse", State.AUTHENTICATED),
            Map.entry("ConcurrentExpungeUIDToMSNMapping", State.AUTHENTICATED),
            Map.entry("ConcurrentFetchResponse", State.AUTHENTICATED),
            Map.entry("ConcurrentRenameSelected", State.AUTHENTICATED),
            Map.entry("ConcurrentRenameSelectedSub", State.AUTHENTICATED),
            Map.entry("CondstoreDisable", State.AUTHENTICATED),
            Map.entry("CondstoreEnable", State.AUTHENTICATED),
            Map.entry("Copy", State.SELECTED),
            Map.entry("Create", State.AUTHENTICATED),
            Map.entry("CreateErrorWithLongName", State.AUTHENTICATED),
            Map.entry("Delete", State.AUTHENTICATED),
            Map.entry("ExamineEmpty", State.AUTHENTICATED),
            Map.entry("Expunge", State.SELECTED),
            Map.entry("ExpungeBasics", State.AUTHENTICATED),
            Map.entry("FetchBodyNoSection", State.SELECTED),
            Map.entry("FetchEnvelope", State.SELECTED),
            Map.entry("FetchHeaderFields", State.AUTHENTICATED),
            Map.entry("FetchHeaderFieldsNot", State.AUTHENTICATED),
            Map.entry("FetchInternalDate", State.SELECTED),
            Map.entry("FetchMultipartAlternative", State.AUTHENTICATED),
            Map.entry("FetchMultipartBodyStructure", State.AUTHENTICATED),
            Map.entry("FetchMultipartMixed", State.AUTHENTICATED),
            Map.entry("FetchMultipartMixedComplex", State.AUTHENTICATED),
            Map.entry("FetchMultipleMessages", State.SELECTED),
            Map.entry("FetchNILSaveDate", State.SELECTED),
            Map.entry("FetchPeek", State.SELECTED),
            Map.entry("FetchRFC822", State.SELECTED),
            Map.entry("FetchRFC822Header", State.SELECTED),
            Map.entry("FetchRFC822Mixed", State.AUTHENTICATED),
            Map.entry("FetchRFC822Text", State.SELECTED),
            Map.entry("FetchSaveDate", State.SELECTED),
            Map.entry("FetchSimpleBodyStructure", State.AUTHENTICATED),
            Map.entry("FetchSingleMessage", State.SELECTED),
            Map.entry("FetchStructureComplex", State.AUTHENTICATED),
            Map.entry("FetchStructureEmbedded", State.AUTHENTICATED),
            Map.entry("FetchText", State.SELECTED),
            Map.entry("HeaderPartialFetch", State.AUTHENTICATED),
            Map.entry("Id", State.NOT_AUTHENTICATED),
            Map.entry("IllegalTag", State.NOT_AUTHENTICATED),
            Map.entry("InboxAddMessages", State.AUTHENTICATED),
            Map.entry("InboxDeleteMessages", State.AUTHENTICATED),
            Map.entry("JustTag", State.NOT_AUTHENTICATED),
            Map.entry("ListMailboxes", State.AUTHENTICATED),
            Map.entry("ListNamespace", State.AUTHENTICATED),
            Map.entry("ListOnly", State.AUTHENTICATED),
            Map.entry("ListPercentWildcard", State.AUTHENTICATED),
            Map.entry("ListPlus", State.AUTHENTICATED),
            Map.entry("ListSpecialChar", State.AUTHENTICATED),
            Map.entry("ListSubscribed", State.AUTHENTICATED),
            Map.entry("ListWithSharedMailbox", State.AUTHENTICATED),
            Map.entry("Login", State.NOT_AUTHENTICATED),
            Map.entry("LoginThreeStrikes", State.NOT_AUTHENTICATED),
            Map.entry("Logout", State.NOT_AUTHENTICATED),
            Map.entry("Metadata", State.AUTHENTICATED),
            Map.entry("MetadataWithBinaryData", State.AUTHENTICATED),
            Map.entry("MetadataWithLimitation", State.AUTHENTICATED),
            Map.entry("MimePartialFetch", State.AUTHENTICATED),
            Map.entry("Move", State.SELECTED),
            Map.entry("MoveNoMSG", State.AUTHENTICATED),
            Map.entry("Namespace", State.AUTHENTICATED),
            Map.entry("NoCommand", State.NOT_AUTHENTICATED),
            Map.entry("NoTag", State.NOT_AUTHENTICATED),
            Map.entry("Noop", State.NOT_AUTHENTICATED),
            Map.entry("ObjectId", State.AUTHENTICATED),
            Map.entry("PeekMultipartAlternative", State.AUTHENTICATED),
            Map.entry("PeekMultipartMixed", State.AUTHENTICATED),
            Map.entry("PeekMultipartMixedComplex", State.AUTHENTICATED),
            Map.entry("Quota", State.AUTHENTICATED),
            Map.entry("Recent", State.AUTHENTICATED),
            Map.entry("Rename", State.AUTHENTICATED),
            Map.entry("RenameHierarchy", State.AUTHENTICATED),
            Map.entry("RenameSelected", State.AUTHENTICATED),
            Map.entry("Replace", State.AUTHENTICATED),
            Map.entry("Rights", State.AUTHENTICATED),
            Map.entry("Search", State.SELECTED),
            Map.entry("SearchAtoms", State.AUTHENTICATED),
            Map.entry("SearchCombinations", State.AUTHENTICATED),
            Map.entry("SearchOptionAggregations", State.AUTHENTICATED),
            Map.entry("SearchOptionSave", State.AUTHENTICATED),
            Map.entry("SearchSaveDate", State.SELECTED),
            Map.entry("SelectAppend", State.AUTHENTICATED),
            Map.entry("SelectEmpty", State.AUTHENTICATED),
            Map.entry("SelectInbox", State.AUTHENTICATED),
            Map.entry("SelectUnseen", State.AUTHENTICATED),
            Map.entry("SharedMailbox", State.NOT_AUTHENTICATED),
            Map.entry("Status", State.AUTHENTICATED),
            Map.entry("Store", State.SELECTED),
            Map.entry("StringArgs", State.AUTHENTICATED),
            Map.entry("Subscribe", State.AUTHENTICATED),
            Map.entry("TextPartialFetch", State.AUTHENTICATED),
            Map.entry("Uid", State.SELECTED),
            Map.entry("UidSearchAtoms", State.AUTHENTICATED),
            Map.entry("UidSearchAtomsIndexer", State.AUTHENTICATED),
            Map.entry("UidSearchCombinations", State.AUTHENTICATED),
            Map.entry("UserFlagsSupport", State.AUTHENTICATED),
            Map.entry("ValidAuthenticated", State.AUTHENTICATED),
            Map.entry("ValidNonAuthenticated", State.NOT_AUTHENTICATED),
            Map.entry("ValidSelected", State.SELECTED),
            Map.entry("Welcome", State.NOT_AUTHENTICATED),
            Map.entry("XList", State.AUTHENTICATED)));

    private static final String XLIST = "XLIST (Gmail's pre-RFC 6154 command) is not offered; LIST reports the SPECIAL-USE attributes";
    private static final String DELIM = "uses \".\" as the hierarchy delimiter; Mailfleet's is \"/\" (mailstore names)";
    private static final String PROVISION = "expects an account with INBOX only (Mailfleet provisions the SPECIAL-USE mailboxes Sent, Drafts, Junk, Trash, Archive) and \".\" as the hierarchy delimiter: run on an INBOX-only account, its first LIST already differs only in the delimiter";
    private static final String WORDING = "expects James's human-readable text of a NO/BAD response; Mailfleet answers the same status with RFC 5530 response codes and its own text";
    private static final String BYE = "expects \"* BYE Unknown command.\" and a disconnect for a malformed or unknown command; Mailfleet answers BAD and keeps the session (RFC 9051 7.1.5)";
    private static final String ACL = "ACL (RFC 4314) and shared mailboxes are not offered";
    private static final String METADATA = "METADATA (RFC 5464) is not offered";
    private static final String CONDSTORE = "expects an untagged OK [HIGHESTMODSEQ] after an ESEARCH with a MODSEQ criterion; Mailfleet reports MODSEQ in the ESEARCH response itself (RFC 7162 3.1.5)";
    private static final String CONDSTORE_ON = "expects a server without CONDSTORE (James's default); Mailfleet offers CONDSTORE";
    private static final String OBJECTID = "OBJECTID (RFC 8474) is not advertised (only MAILBOXID response codes are sent)";
    private static final String QUOTA = "uses James's #private namespace as quota root and James's preset test quotas (MESSAGE 6 of 7); Mailfleet's root is \"\" with the account's own quota (QuotaTest)";
    private static final String SAVEDATE = "SAVEDATE (RFC 8514) is not offered";
    private static final String SEARCHRES = "SEARCHRES (RFC 5182, SAVE) is not offered";
    private static final String REPLACE = "REPLACE (RFC 8508) is not offered";
    private static final String RENAMED_RECENT = "expects the messages of a mailbox renamed in the same session not to be \\Recent on SELECT; Mailfleet claims them as recent for the first session that selects the new name";
    private static final String RECENT_RESELECT = "expects \\Recent cleared for the same session on re-SELECT; Mailfleet keeps a session's \\Recent claims for the session (RFC 3501 2.3.2 leaves it open)";
    private static final String PERMFLAGS = "expects PERMANENTFLAGS with all flags after EXAMINE; Mailfleet sends () for a read-only mailbox (nothing can be stored)";
    private static final String CREATE_CASE = "expects \"Create completed.\" (capital C only in these scripts) where the other scripts expect \"CREATE completed.\"";
    private static final String NOPERIOD = "expects the completion text without the final period that every other script requires";
    private static final String MOVE_COPYUID = "expects COPYUID in the tagged OK of MOVE; Mailfleet sends it in an untagged OK before the EXPUNGEs, as RFC 6851 4.3 recommends";
    private static final String STATUS_ORDER = "expects STATUS items reordered (RECENT before UNSEEN); Mailfleet answers in the order asked";
    private static final String PART_OF_LEAF = "expects BODY[3.1] of a non-multipart part to be empty; Mailfleet returns the part body (RFC 9051: part 1 of a non-multipart entity is its body)";
    private static final String LINES = "expects 0 lines for a one-line body without a final CRLF (James counts line feeds); Mailfleet counts that last line too";
    private static final String ENVELOPE = "expects James's rendering of an address without a display name; differs from the cached envelope";
    private static final String FETCH_MACRO = "sends FETCH 1 (ALL): a macro inside a list is not in the RFC 9051 grammar; Mailfleet answers BAD";
    private static final String ZERO_PARTIAL = "expects James's text for BAD on a <0.0> partial; Mailfleet also answers BAD with its own text";
    private static final String SASL_TWO_FIELDS = "sends AUTHENTICATE PLAIN without the authzid NUL (2 fields); RFC 4616 requires 3, Mailfleet answers BAD";
    private static final String STALE_MSN = "uses a sequence number before the server announced the message (expects the EXISTS first); Mailfleet answers BAD for numbers the session does not know";
    private static final String RENAME_SELECTED = "expects James's handling of a selected mailbox renamed by another session";
    private static final String LONGNAME = "expects James's 200-character mailbox name limit; Mailfleet allows 1024";
    private static final String CREATE_DOTDOT = "expects CREATE .. to be BAD; with \"/\" as delimiter \"..\" is a valid name";
    private static final String SEARCH_BODY = "expects BODY to match inside a part of type applcation/xhtml+xml (sic); Mailfleet searches the decoded text/* parts";
    private static final String CHECK_SELECTED = "expects CHECK to be NO outside the selected state with James's text";

    /** Scripts left out, with the reason; every other script must pass. */
    static final Map<String, String> EXCLUDED = Map.ofEntries(
            Map.entry("ACLCommandsOnOtherUser", ACL),
            Map.entry("ACLCommandsOnOwner", ACL),
            Map.entry("Append", WORDING),
            Map.entry("AppendExamineInbox", PERMFLAGS),
            Map.entry("Authenticate", WORDING),
            Map.entry("AuthenticatePlain", SASL_TWO_FIELDS),
            Map.entry("BadTag", BYE),
            Map.entry("BogusCommand", BYE),
            Map.entry("Capability", WORDING),
            Map.entry("ComplexMail", CREATE_CASE),
            Map.entry("ConcurrentExistsResponse", STALE_MSN),
            Map.entry("ConcurrentRenameSelected", WORDING),
            Map.entry("ConcurrentRenameSelectedSub", RENAME_SELECTED),
            Map.entry("Create", CREATE_DOTDOT),
            Map.entry("CondstoreDisable", CONDSTORE_ON),
            Map.entry("CreateErrorWithLongName", LONGNAME),
            Map.entry("ExamineEmpty", PERMFLAGS),
            Map.entry("FetchEnvelope", ENVELOPE),
            Map.entry("FetchMultipartBodyStructure", PART_OF_LEAF),
            Map.entry("FetchNILSaveDate", SAVEDATE),
            Map.entry("FetchSaveDate", SAVEDATE),
            Map.entry("FetchSimpleBodyStructure", LINES),
            Map.entry("FetchSingleMessage", FETCH_MACRO),
            Map.entry("FetchStructureComplex", PART_OF_LEAF),
            Map.entry("HeaderPartialFetch", ZERO_PARTIAL),
            Map.entry("Id", WORDING),
            Map.entry("IllegalTag", BYE),
            Map.entry("InboxAddMessages", NOPERIOD),
            Map.entry("InboxDeleteMessages", NOPERIOD),
            Map.entry("JustTag", BYE),
            Map.entry("ListMailboxes", DELIM),
            Map.entry("ListNamespace", DELIM),
            Map.entry("ListOnly", DELIM),
            Map.entry("ListPercentWildcard", PROVISION),
            Map.entry("ListPlus", DELIM),
            Map.entry("ListSpecialChar", PROVISION),
            Map.entry("ListSubscribed", PROVISION),
            Map.entry("ListWithSharedMailbox", ACL),
            Map.entry("Login", WORDING),
            Map.entry("LoginThreeStrikes", WORDING),
            Map.entry("Logout", WORDING),
            Map.entry("Metadata", METADATA),
            Map.entry("MetadataWithBinaryData", METADATA),
            Map.entry("MetadataWithLimitation", METADATA),
            Map.entry("MimePartialFetch", ZERO_PARTIAL),
            Map.entry("Move", MOVE_COPYUID),
            Map.entry("MoveNoMSG", WORDING),
            Map.entry("NoCommand", BYE),
            Map.entry("NoTag", BYE),
            Map.entry("ObjectId", OBJECTID),
            Map.entry("PeekMultipartAlternative", CREATE_CASE),
            Map.entry("PeekMultipartMixed", CREATE_CASE),
            Map.entry("PeekMultipartMixedComplex", CREATE_CASE),
            Map.entry("Quota", QUOTA),
            Map.entry("Rename", RENAMED_RECENT),
            Map.entry("RenameHierarchy", PROVISION),
            Map.entry("RenameSelected", RENAME_SELECTED),
            Map.entry("Replace", REPLACE),
            Map.entry("Rights", ACL),
            Map.entry("SearchAtoms", SEARCH_BODY),
            Map.entry("SearchOptionAggregations", CONDSTORE),
            Map.entry("SearchOptionSave", SEARCHRES),
            Map.entry("SearchSaveDate", SAVEDATE),
            Map.entry("SelectEmpty", WORDING),
            Map.entry("SelectUnseen", RECENT_RESELECT),
            Map.entry("SharedMailbox", ACL),
            Map.entry("Status", STATUS_ORDER),
            Map.entry("StringArgs", WORDING),
            Map.entry("Subscribe", PROVISION),
            Map.entry("TextPartialFetch", ZERO_PARTIAL),
            Map.entry("Uid", WORDING),
            Map.entry("UidSearchAtoms", SEARCH_BODY),
            Map.entry("ValidAuthenticated", WORDING),
            Map.entry("ValidNonAuthenticated", WORDING),
            Map.entry("ValidSelected", CHECK_SELECTED),
            Map.entry("XList", XLIST));

    private ConformanceScripts() {
    }
}
