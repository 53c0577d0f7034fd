package io.chatspec.load.sim;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a simulation measures and the {@code chatspec.*} parameters it reads, next to the code that reads them, so
 * that {@code chatspec-load --list} cannot drift from the simulations.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Describe {
    /** One line: what the simulation measures. */
    String value();

    Param[] params() default {};

    /** One simulation-specific parameter ({@code -Dchatspec.NAME}, or {@code -P NAME=VALUE} on the jar). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({})
    @interface Param {
        String name();

        String defaultValue();

        String help();
    }
}
