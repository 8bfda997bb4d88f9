package org.relops.imaging.provider;

/** What a provider's launch promises: the machine is up at once, or it will phone home. */
public sealed interface Launch {

    /** The provider knows the machine is up, at this address. */
    record Booted(String address) implements Launch {
    }

    /** The machine is booting and will phone home with its token. */
    record AwaitingPhoneHome() implements Launch {
    }
}
