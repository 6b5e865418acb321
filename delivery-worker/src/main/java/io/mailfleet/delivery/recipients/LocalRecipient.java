package io.mailfleet.delivery.recipients;

/**
 * A mailbox a message goes to after expansion.
 *
 * @param address the address written into {@code Delivered-To:} (the account's address the directory named)
 * @param folder  the folder of a {@code user+folder@} rule, or null
 */
public record LocalRecipient(String accountId, String address, String folder) {
}
