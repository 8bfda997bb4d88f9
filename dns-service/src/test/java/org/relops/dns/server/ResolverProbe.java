package org.relops.dns.server;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.xbill.DNS.ARecord;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Resolves one unqualified name the way a Java program on a machine would, and prints what it got:
 * through {@link InetAddress} (the JDK asks glibc, which applies resolv.conf's search list) and through
 * dnsjava's {@link Lookup} (which reads resolv.conf itself). Run by the isolation test inside a namespace.
 */
public final class ResolverProbe {

    private ResolverProbe() {
    }

    public static void main(String[] args) throws TextParseException {
        String name = args[0];
        String label = args[1];
        try {
            System.out.println(label + " java-inet " + InetAddress.getByName(name).getHostAddress());
        } catch (UnknownHostException e) {
            System.out.println(label + " java-inet unknown");
        }
        Lookup lookup = new Lookup(name, Type.A);
        Record[] answers = lookup.run();
        if (answers == null) {
            System.out.println(label + " dnsjava " + lookup.getErrorString());
        } else {
            for (Record answer : answers) {
                if (answer instanceof ARecord address) {
                    System.out.println(label + " dnsjava " + address.getAddress().getHostAddress() + " "
                            + address.getName());
                }
            }
        }
    }
}
