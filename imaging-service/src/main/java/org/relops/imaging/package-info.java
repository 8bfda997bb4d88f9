/**
 * imaging-service: the image catalogue (immutable versions and their pinned inputs), deterministic netboot
 * image builds, HTTP boot, provisioning operations per machine and the providers that put an image on a
 * machine. It never touches another service's tables: it learns of machines from {@code host.reserved} and
 * {@code machine.decommission.requested} and answers with events.
 */
package org.relops.imaging;
