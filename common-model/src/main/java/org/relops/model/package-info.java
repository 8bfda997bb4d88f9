/**
 * The contracts relops services share: one record per event type, the CloudEvents envelope and its
 * codec, routing keys and value types. Nothing here talks to a database or a broker.
 */
package org.relops.model;
