/**
 * The runtime every relops service shares: the bus connection and topology, the transactional
 * outbox and its relay, the inbox, queue consumers with dead-lettering, and problem-details errors.
 * Services never talk to the broker any other way.
 */
package org.relops.support;
