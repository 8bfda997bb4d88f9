package org.relops.model.event;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Names an event record's CloudEvents type (also its routing key) and its schema version. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {

    /** The type, e.g. {@code request.submitted}; also the routing key on the events exchange. */
    String value();

    /** Schema version, {@code major.minor}; consumers reject an unknown major version. */
    String version() default "1.0";
}
