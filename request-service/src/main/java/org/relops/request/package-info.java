/**
 * request-service: takes requests for machines (REST and the {@code relops.requests} intake queue),
 * names their machines, and follows each request through the other services' events until it is
 * fulfilled or decommissioned. It owns requests and their machines; it never touches another
 * service's data, only its events.
 */
package org.relops.request;
