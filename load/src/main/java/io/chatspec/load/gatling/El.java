package io.chatspec.load.gatling;

import io.gatling.commons.validation.Failure;
import io.gatling.commons.validation.Success;
import io.gatling.commons.validation.Validation;
import io.gatling.core.session.Session;
import io.gatling.javaapi.core.internal.Expressions;

/** Gatling Expression Language strings ({@code "#{me}"}), compiled once and evaluated per session. */
final class El {
    private final String source;
    private final scala.Function1<Session, Validation<String>> expression;

    private El(String source) {
        this.source = source;
        this.expression = Expressions.toStringExpression(source);
    }

    static El of(String source) {
        return new El(source);
    }

    String eval(Session session) {
        Validation<String> v = expression.apply(session);
        if (v instanceof Success<String> s) {
            return s.value();
        }
        throw new ElException("cannot resolve " + source + ": " + ((Failure) (Object) v).message());
    }

    static final class ElException extends RuntimeException {
        ElException(String message) {
            super(message, null, false, false);
        }
    }
}
