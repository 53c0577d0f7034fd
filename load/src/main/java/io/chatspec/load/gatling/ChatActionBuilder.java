package io.chatspec.load.gatling;

import io.gatling.javaapi.core.ActionBuilder;

/** A chat action for the Java DSL: {@code exec(ChatDsl.connect())}. */
public class ChatActionBuilder implements ActionBuilder {
    private final ScalaActionBuilder.Factory factory;

    ChatActionBuilder(ScalaActionBuilder.Factory factory) {
        this.factory = factory;
    }

    @Override
    public io.gatling.core.action.builder.ActionBuilder asScala() {
        return new ScalaActionBuilder(factory);
    }
}
